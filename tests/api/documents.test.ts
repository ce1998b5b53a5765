import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { listAudit } from "@/features/auth/server/repository";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedStories } from "@/features/stories/server/seed";
import { findDocumentBySlug, listRevisions, saveTranslation } from "@/features/stories/server/repository";
import { getReaderStory } from "@/features/reader/server/service";
import { LIMITS } from "@/features/documents/blocks";

const PASSWORD = "documents-password";
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;

/** The first version of the story the update tests work on, as the newsroom would paste it. */
const V1 = [
  "Council meets in Erbil",
  "ERBIL, Kurdistan Region – The council met on Friday to discuss the budget.",
  "At least 33 people attended the session in the old parliament building.",
  "The speaker said the talks would continue next week.",
  "This paragraph will be removed in the new version.",
  "Officials declined to comment.",
].join("\n\n");

/** v2: s03 changes a number, s05 goes, a new paragraph comes before the last one. */
const V2 = [
  "Council meets in Erbil",
  "ERBIL, Kurdistan Region – The council met on Friday to discuss the budget.",
  "At least 34 people attended the session in the old parliament building.",
  "The speaker said the talks would continue next week.",
  "A vote on the budget is expected in March.",
  "Officials declined to comment.",
].join("\n\n");

/** v3: s03 changes again. */
const V3 = V2.replace("At least 34 people attended the session", "At least 35 people attended the long session");

async function docx(paragraphs: string[]): Promise<Uint8Array<ArrayBuffer>> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return (await zip.generateAsync({ type: "uint8array" })) as Uint8Array<ArrayBuffer>;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`document import and source updates on ${dialect.name}`, () => {
    let t: TestDatabase;
    let admin: string;
    let translator: string;
    let adminId: string;

    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent());
      const auth = useAuth(t.db, new TestClock());
      adminId = (await createUserAccount(auth, t.db, { name: "Desk Chief", email: "chief@example.org", username: "chief", password: PASSWORD, admin: true }, null)).id;
      await createUserAccount(auth, t.db, { name: "Ayşe Demir", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }, { role: "reviewer", lang: "tr" }] }, null);
      admin = (await signIn("chief", PASSWORD)).cookie!;
      translator = (await signIn("ayse", PASSWORD)).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    describe("preview", () => {
      it("segments a raw .txt upload and, with sentences=1, splits paragraphs into sentences", async () => {
        const text = "Talks in Washington\n\nMr. Smith met the U.S. envoy on Feb. 27. They spoke for 2.5 hours.";
        const plain = await json(await call("POST", "/api/v1/documents/preview?format=txt", { cookie: admin, body: text, headers: { "content-type": "text/plain" } }));
        expect(plain.segments).toEqual([
          { key: "s01", kind: "title", text: "Talks in Washington" },
          { key: "s02", kind: "paragraph", text: "Mr. Smith met the U.S. envoy on Feb. 27. They spoke for 2.5 hours." },
        ]);
        expect(plain).toMatchObject({ format: "txt", sentences: false, title: "Talks in Washington", suggestedSlug: "talks-in-washington" });
        const split = await json(await call("POST", "/api/v1/documents/preview?format=txt&sentences=1", { cookie: admin, body: text, headers: { "content-type": "text/plain" } }));
        expect(split.segments.map((s: Json) => s.text)).toEqual(["Talks in Washington", "Mr. Smith met the U.S. envoy on Feb. 27.", "They spoke for 2.5 hours."]);
        expect(split.blocks).toHaveLength(2);
      });

      it("takes JSON text in markdown or HTML, and a raw .docx", async () => {
        const md = await json(await call("POST", "/api/v1/documents/preview", { cookie: admin, json: { text: "# Title\n\nBody **text**.", format: "md" } }));
        expect(md.segments).toEqual([{ key: "s01", kind: "title", text: "Title" }, { key: "s02", kind: "paragraph", text: "Body text." }]);
        const bytes = await docx(["First paragraph.", "Second &amp; last."]);
        const word = await call("POST", "/api/v1/documents/preview?format=docx", { cookie: admin, body: bytes, headers: { "content-type": "application/octet-stream" } });
        expect(word.status).toBe(200);
        expect((await json(word)).segments.map((s: Json) => s.text)).toEqual(["First paragraph.", "Second & last."]);
      });

      it("keeps only the text of hostile HTML", async () => {
        const html = `<h1>Title</h1><script>fetch("/steal")</script><p onclick="alert(1)">Safe <img src=x onerror=alert(2)>text &lt;script&gt;</p><style>*{}</style>`;
        const result = await json(await call("POST", "/api/v1/documents/preview?format=html", { cookie: admin, body: html, headers: { "content-type": "text/html" } }));
        expect(result.segments).toEqual([{ key: "s01", kind: "title", text: "Title" }, { key: "s02", kind: "paragraph", text: "Safe text <script>" }]);
        expect(JSON.stringify(result)).not.toContain("steal");
        expect(JSON.stringify(result)).not.toContain("onerror");
      });

      it("refuses what is not a .docx, oversized uploads, unknown formats and empty text, with clear errors", async () => {
        const notDocx = await call("POST", "/api/v1/documents/preview?format=docx", { cookie: admin, body: "plain text pretending", headers: { "content-type": "application/octet-stream" } });
        expect(notDocx.status).toBe(400);
        expect((await json(notDocx)).error).toMatchObject({ code: "validation_failed", message: expect.stringContaining("not a .docx document") });
        const huge = await call("POST", "/api/v1/documents/preview?format=txt", { cookie: admin, body: "a".repeat(LIMITS.maxTextBytes + 10), headers: { "content-type": "text/plain" } });
        expect(huge.status).toBe(413);
        expect((await json(huge)).error.code).toBe("payload_too_large");
        const noFormat = await call("POST", "/api/v1/documents/preview", { cookie: admin, body: "text", headers: { "content-type": "application/octet-stream" } });
        expect(noFormat.status).toBe(400);
        const empty = await call("POST", "/api/v1/documents/preview", { cookie: admin, json: { text: "  \n ", format: "txt" } });
        expect((await json(empty)).error).toMatchObject({ code: "validation_failed", message: "The source has no text." });
        const latin1 = await call("POST", "/api/v1/documents/preview?format=txt", { cookie: admin, body: new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2e]), headers: { "content-type": "text/plain" } });
        expect((await json(latin1)).error.message).toContain("not UTF-8");
      });

      it("is for administrators: translators are refused, anonymous callers must sign in", async () => {
        expect((await call("POST", "/api/v1/documents/preview", { cookie: translator, json: { text: "x", format: "txt" } })).status).toBe(403);
        expect((await call("POST", "/api/v1/documents", { cookie: translator, json: { slug: "nope", title: "No", segments: [{ kind: "paragraph", text: "x" }] } })).status).toBe(403);
        expect((await call("POST", "/api/v1/documents/idlib-2020-02-28/source?dryRun=1", { cookie: translator, json: { text: "x", format: "txt" } })).status).toBe(403);
        expect((await call("POST", "/api/v1/documents/preview", { json: { text: "x", format: "txt" } })).status).toBe(401);
        expect(await findDocumentBySlug(t.db, "nope")).toBeUndefined();
      });
    });

    describe("create", () => {
      it("creates a published document with keys s01…, visible in the workbench and the reader", async () => {
        const preview = await json(await call("POST", "/api/v1/documents/preview", { cookie: admin, json: { text: V1, format: "txt" } }));
        const created = await call("POST", "/api/v1/documents", { cookie: admin, json: { slug: "update-story", segments: preview.segments.map((s: Json) => ({ kind: s.kind, text: s.text })) } });
        expect(created.status).toBe(201);
        const body = await json(created);
        expect(body.document).toMatchObject({ slug: "update-story", title: "Council meets in Erbil", status: "published" });
        expect(body.segments.map((s: Json) => [s.key, s.kind])).toEqual([
          ["s01", "title"],
          ["s02", "dateline"],
          ["s03", "paragraph"],
          ["s04", "paragraph"],
          ["s05", "paragraph"],
          ["s06", "paragraph"],
        ]);
        const doc = await json(await call("GET", "/api/v1/documents/update-story/translations/tr", { cookie: translator }));
        expect(doc.segments.map((s: Json) => s.key)).toEqual(["s01", "s02", "s03", "s04", "s05", "s06"]);
        const { documents } = await json(await call("GET", "/api/v1/documents", { cookie: translator }));
        expect(documents.find((d: Json) => d.slug === "update-story").progress.tr).toMatchObject({ total: 6, untranslated: 6, outdated: 0 });
        // Not on the reader until an edition is published.
        expect(await getReaderStory(t.db, "update-story", ["en"])).toBeUndefined();
        const audit = await listAudit(t.db, { action: "document.import", limit: 1 });
        expect(audit[0]).toMatchObject({ actor_id: adminId, target_label: "update-story" });
      });

      it("answers 409 on an existing slug and 400 on bad input", async () => {
        const seg = [{ kind: "paragraph", text: "Text." }];
        expect((await call("POST", "/api/v1/documents", { cookie: admin, json: { slug: "update-story", title: "Again", segments: seg } })).status).toBe(409);
        expect((await call("POST", "/api/v1/documents", { cookie: admin, json: { slug: "idlib-2020-02-28", title: "Again", segments: seg } })).status).toBe(409);
        for (const bad of [
          { slug: "Bad Slug", title: "T", segments: seg },
          { slug: "preview", title: "T", segments: seg },
          { slug: "no-title", segments: seg },
          { slug: "two-titles", segments: [{ kind: "title", text: "A" }, { kind: "title", text: "B" }] },
          { slug: "empty-text", title: "T", segments: [{ kind: "paragraph", text: "  " }] },
          { slug: "no-segments", title: "T", segments: [] },
          { slug: "bad-kind", title: "T", segments: [{ kind: "script", text: "x" }] },
        ]) {
          const r = await call("POST", "/api/v1/documents", { cookie: admin, json: bad });
          expect(r.status, JSON.stringify(bad)).toBe(400);
        }
      });

      it("puts a given title first when no segment is the title", async () => {
        const r = await json(await call("POST", "/api/v1/documents", { cookie: admin, json: { slug: "titled-later", title: "A later title", segments: [{ kind: "paragraph", text: "Only text." }] } }));
        expect(r.segments).toEqual([{ key: "s01", kind: "title", text: "A later title" }, { key: "s02", kind: "paragraph", text: "Only text." }]);
      });
    });

    describe("source update", () => {
      const ids = new Map<string, string>();

      beforeAll(async () => {
        const doc = await findDocumentBySlug(t.db, "update-story");
        const rows = await t.db.selectFrom("segments").select(["id", "key"]).where("document_id", "=", doc!.id).execute();
        for (const r of rows) ids.set(r.key, r.id);
        // Translations: tr approved for s02, s03, s05; ar approved for s03.
        const write = (key: string, lang: string, text: string) =>
          saveTranslation(t.db, { segmentId: ids.get(key)!, lang, text, status: "approved", baseVersion: 0, authorId: adminId, origin: "editor" });
        await write("s02", "tr", "ERBIL, Kürdistan Bölgesi – Konsey cuma günü bütçeyi görüşmek için toplandı.");
        await write("s03", "tr", "Eski parlamento binasındaki oturuma en az 33 kişi katıldı.");
        await write("s05", "tr", "Bu paragraf yeni sürümde çıkarılacak.");
        await write("s03", "ar", "حضر ما لا يقل عن 33 شخصًا الجلسة في مبنى البرلمان القديم.");
      });

      let base = "";

      it("a dry run reports what would be kept, changed, added and removed, and writes nothing", async () => {
        const r = await call("POST", "/api/v1/documents/update-story/source?dryRun=1&format=txt", { cookie: admin, body: V2, headers: { "content-type": "text/plain" } });
        expect(r.status).toBe(200);
        const plan = await json(r);
        expect(plan).toMatchObject({ dryRun: true, applied: false, counts: { kept: 4, changed: 1, new: 1, removed: 1 } });
        expect(plan.segments.map((s: Json) => [s.key, s.status])).toEqual([
          ["s01", "kept"],
          ["s02", "kept"],
          ["s03", "changed"],
          ["s04", "kept"],
          ["s07", "new"],
          ["s06", "kept"],
        ]);
        expect(plan.segments[2]).toMatchObject({ previousText: "At least 33 people attended the session in the old parliament building.", text: "At least 34 people attended the session in the old parliament building." });
        expect(plan.removed).toEqual([{ key: "s05", kind: "paragraph", text: "This paragraph will be removed in the new version." }]);
        base = plan.base;
        const doc = await json(await call("GET", "/api/v1/documents/update-story/translations/tr", { cookie: translator }));
        expect(doc.segments.map((s: Json) => s.key)).toEqual(["s01", "s02", "s03", "s04", "s05", "s06"]);
        expect((await findDocumentBySlug(t.db, "update-story"))!.source_updated_at).toBeNull();
      });

      it("applying keeps, outdates and adds exactly the right segments, with stable keys and ids", async () => {
        const r = await call("POST", `/api/v1/documents/update-story/source?base=${base}`, { cookie: admin, json: { text: V2, format: "txt" } });
        expect(r.status).toBe(200);
        const plan = await json(r);
        expect(plan).toMatchObject({ dryRun: false, applied: true, counts: { kept: 4, changed: 1, new: 1, removed: 1 } });
        expect(plan.sourceUpdatedAt).toEqual(expect.any(String));

        const tr = await json(await call("GET", "/api/v1/documents/update-story/translations/tr", { cookie: translator }));
        const byKey = new Map<string, Json>(tr.segments.map((s: Json) => [s.key, s]));
        expect(tr.segments.map((s: Json) => [s.key, s.position])).toEqual([["s01", 1], ["s02", 2], ["s03", 3], ["s04", 4], ["s07", 5], ["s06", 6]]);
        // Kept: same id, translation current.
        expect(byKey.get("s02")).toMatchObject({ id: ids.get("s02"), translation: { status: "approved", outdated: false, previousSource: null } });
        // Changed: same key and id, new text; the old translation stays, outdated, with the source it was made against.
        expect(byKey.get("s03")).toMatchObject({
          id: ids.get("s03"),
          source: "At least 34 people attended the session in the old parliament building.",
          translation: { text: "Eski parlamento binasındaki oturuma en az 33 kişi katıldı.", status: "approved", outdated: true, previousSource: "At least 33 people attended the session in the old parliament building." },
        });
        // New: a fresh key, untranslated.
        expect(byKey.get("s07")).toMatchObject({ source: "A vote on the budget is expected in March.", translation: null });
        expect(byKey.has("s05")).toBe(false);
        // Untranslated before, untouched now.
        expect(byKey.get("s04")).toMatchObject({ id: ids.get("s04"), translation: null });

        // Removed: the row stays with removed_at, and so do its translation and its history.
        const removed = await t.db.selectFrom("segments").selectAll().where("id", "=", ids.get("s05")!).executeTakeFirstOrThrow();
        expect(removed).toMatchObject({ key: "s05", removed_at: plan.sourceUpdatedAt, source_text: "This paragraph will be removed in the new version." });
        expect(await t.db.selectFrom("translations").select("text").where("segment_id", "=", ids.get("s05")!).execute()).toEqual([{ text: "Bu paragraf yeni sürümde çıkarılacak." }]);
        expect((await listRevisions(t.db, ids.get("s05")!, "tr")).map((r) => r.text)).toEqual(["Bu paragraf yeni sürümde çıkarılacak."]);
        const history = await json(await call("GET", `/api/v1/translations/${ids.get("s05")}/tr/revisions`, { cookie: translator }));
        expect(history.revisions).toHaveLength(1);

        // The other language's translation of the changed segment is outdated too.
        const ar = await json(await call("GET", "/api/v1/documents/update-story/translations/ar", { cookie: translator }));
        expect(ar.segments.find((s: Json) => s.key === "s03").translation).toMatchObject({ outdated: true, previousSource: "At least 33 people attended the session in the old parliament building." });

        // The workbench counts it; the reader shows the update and no longer shows the outdated text.
        const { documents } = await json(await call("GET", "/api/v1/documents", { cookie: translator }));
        expect(documents.find((d: Json) => d.slug === "update-story").progress.tr).toMatchObject({ total: 6, approved: 2, untranslated: 4, outdated: 1 });
        // The reader shows published editions only: none of this story's is published yet.
        expect(await getReaderStory(t.db, "update-story", ["tr"])).toBeUndefined();

        const audit = await listAudit(t.db, { action: "document.source_update", limit: 1 });
        expect(audit[0]).toMatchObject({ target_label: "update-story" });
        expect(JSON.parse(audit[0]!.details!)).toEqual({ kept: 4, changed: 1, new: 1, removed: 1 });
      });

      it("a stale plan answers 409 and changes nothing; the same source again changes nothing", async () => {
        const stale = await call("POST", `/api/v1/documents/update-story/source?base=${base}`, { cookie: admin, json: { text: V3, format: "txt" } });
        expect(stale.status).toBe(409);
        expect((await json(stale)).error.code).toBe("version_conflict");
        const before = (await findDocumentBySlug(t.db, "update-story"))!;
        const same = await json(await call("POST", "/api/v1/documents/update-story/source", { cookie: admin, json: { text: V2, format: "txt" } }));
        expect(same).toMatchObject({ applied: false, counts: { kept: 6, changed: 0, new: 0, removed: 0 } });
        expect((await findDocumentBySlug(t.db, "update-story"))!.source_updated_at).toBe(before.source_updated_at);
      });

      it("each outdated translation shows the diff against the source it was made against", async () => {
        // The Turkish reviewer confirms against v2; the Arabic translation stays on v1.
        const tr = await json(await call("GET", "/api/v1/documents/update-story/translations/tr", { cookie: translator }));
        const s03 = tr.segments.find((s: Json) => s.key === "s03");
        const saved = await call("PUT", `/api/v1/translations/${s03.id}/tr`, { cookie: translator, json: { text: "Eski parlamento binasındaki oturuma en az 34 kişi katıldı.", status: "draft", baseVersion: s03.translation.version } });
        expect(saved.status).toBe(200);
        expect((await json(await call("GET", "/api/v1/documents/update-story/translations/tr", { cookie: translator }))).segments.find((s: Json) => s.key === "s03").translation).toMatchObject({ outdated: false });

        const applied = await json(await call("POST", "/api/v1/documents/update-story/source", { cookie: admin, json: { text: V3, format: "txt" } }));
        expect(applied).toMatchObject({ applied: true, counts: { kept: 5, changed: 1, new: 0, removed: 0 } });
        expect(applied.segments.find((s: Json) => s.key === "s03")).toMatchObject({ status: "changed" });
        const trNow = (await json(await call("GET", "/api/v1/documents/update-story/translations/tr", { cookie: translator }))).segments.find((s: Json) => s.key === "s03");
        const arNow = (await json(await call("GET", "/api/v1/documents/update-story/translations/ar", { cookie: translator }))).segments.find((s: Json) => s.key === "s03");
        expect(trNow.id).toBe(ids.get("s03"));
        expect(trNow.translation.previousSource).toBe("At least 34 people attended the session in the old parliament building.");
        expect(arNow.translation.previousSource).toBe("At least 33 people attended the session in the old parliament building.");
        const versions = await t.db.selectFrom("source_revisions").select("source_text").where("segment_id", "=", ids.get("s03")!).orderBy("replaced_at").execute();
        expect(versions.map((v) => v.source_text)).toEqual(["At least 33 people attended the session in the old parliament building.", "At least 34 people attended the session in the old parliament building."]);
      });

      it("a new version without a title keeps the title; an unknown document is 404", async () => {
        const body = V3.split("\n\n").slice(1).join("\n\n");
        const plan = await json(await call("POST", "/api/v1/documents/update-story/source?dryRun=1", { cookie: admin, json: { text: body, format: "txt" } }));
        expect(plan.counts).toEqual({ kept: 6, changed: 0, new: 0, removed: 0 });
        expect((await call("POST", "/api/v1/documents/nope/source?dryRun=1", { cookie: admin, json: { text: V3, format: "txt" } })).status).toBe(404);
      });
    });
  });
}
