import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { listAudit } from "@/features/auth/server/repository";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, saveTranslation } from "@/features/stories/server/repository";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { getReaderStory, listReaderStories } from "@/features/reader/server/service";
import { publishSeedEditions } from "@/features/editions/server/seed";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { LocalEventBus, setEventBus, type WorkbenchEvent } from "@/features/workbench/server/events";

const PASSWORD = "editions-password";
const SLUG = "idlib-2020-02-28";
const S05 = seedSegmentId(SLUG, "s05");
const S07 = seedSegmentId(SLUG, "s07");
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const url = (lang: string, rest = "") => `/api/v1/documents/${SLUG}/editions/${lang}${rest}`;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`published editions on ${dialect.name}`, () => {
    let t: TestDatabase;
    let admin: string;
    let trReviewer: string;
    let trTranslator: string;
    let arReviewer: string;
    const events: WorkbenchEvent[] = [];

    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent());
      await seedGlossary(t.db, loadGlossaryFiles());
      const auth = useAuth(t.db, new TestClock());
      const bus = new LocalEventBus();
      setEventBus(bus);
      bus.subscribeAll((e) => events.push(e));
      await createUserAccount(auth, t.db, { name: "Desk Chief", email: "chief@example.org", username: "chief", password: PASSWORD, admin: true }, null);
      await createUserAccount(auth, t.db, { name: "Mehmet Yılmaz", email: "mehmet@example.org", username: "mehmet", password: PASSWORD, grants: [{ role: "reviewer", lang: "tr" }] }, null);
      await createUserAccount(auth, t.db, { name: "Ayşe Demir", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null);
      await createUserAccount(auth, t.db, { name: "Layla Haddad", email: "layla@example.org", username: "layla", password: PASSWORD, grants: [{ role: "reviewer", lang: "ar" }] }, null);
      admin = (await signIn("chief", PASSWORD)).cookie!;
      trReviewer = (await signIn("mehmet", PASSWORD)).cookie!;
      trTranslator = (await signIn("ayse", PASSWORD)).cookie!;
      arReviewer = (await signIn("layla", PASSWORD)).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("GET …/editions: nothing is published before anyone publishes, and the seeded story is complete in every language", async () => {
      const body = await json(await call("GET", `/api/v1/documents/${SLUG}/editions`, { cookie: trTranslator }));
      // Every language of the table (kmr included once it has a translation file).
      expect(body.editions.map((e: Json) => [e.lang, e.state, e.complete])).toEqual(LANGUAGE_CODES.map((l) => [l, "not_published", true]));
      expect((await call("GET", `/api/v1/documents/${SLUG}/editions`)).status).toBe(401);
      expect(await getReaderStory(t.db, SLUG, ["tr"])).toBeUndefined();
    });

    it("POST …/editions/:lang is for reviewers of that language and administrators", async () => {
      expect((await call("POST", url("tr"), { json: {} })).status).toBe(401);
      expect((await call("POST", url("tr"), { cookie: trTranslator, json: {} })).status).toBe(403);
      expect((await call("POST", url("tr"), { cookie: arReviewer, json: {} })).status).toBe(403);
      expect((await call("POST", url("en"), { cookie: trReviewer, json: {} })).status).toBe(403);
      expect((await call("POST", url("xx"), { cookie: admin, json: {} })).status).toBe(404);
      // A correction note belongs to an update, not to the first publication.
      expect((await call("POST", url("tr"), { cookie: trReviewer, json: { correctionNote: "Düzeltme." } })).status).toBe(400);
    });

    it("publishing stores a snapshot with revision ids, shows it to readers, audits it and tells every instance", async () => {
      const response = await call("POST", url("tr"), { cookie: trReviewer, json: {} });
      expect(response.status).toBe(200);
      const body = await json(response);
      expect(body).toMatchObject({ changed: true, edition: { lang: "tr", state: "published", version: 1, updatedAt: null, correctionNote: null } });
      const rows = await t.db.selectFrom("edition_segments").innerJoin("editions", "editions.id", "edition_segments.edition_id").selectAll("edition_segments").where("editions.lang", "=", "tr").execute();
      expect(rows).toHaveLength(35);
      const live = (await findTranslation(t.db, S05, "tr"))!;
      const revision = await t.db.selectFrom("translation_revisions").select("id").where("translation_id", "=", live.id).where("version", "=", live.version).executeTakeFirstOrThrow();
      expect(rows.find((r) => r.segment_id === S05)).toMatchObject({ text: live.text, revision_id: revision.id, translation_version: live.version });
      const story = (await getReaderStory(t.db, SLUG, ["tr"]))!;
      expect(story.editions.map((e) => e.lang)).toEqual(["tr"]);
      expect(story.segments.find((s) => s.key === "s05")!.texts.tr!.text).toBe(live.text);
      expect((await listReaderStories(t.db, "tr")).items.map((s) => s.slug)).toEqual([SLUG]);
      expect((await listReaderStories(t.db, "ar")).items).toEqual([]);
      const [audit] = await listAudit(t.db, { action: "edition.publish", limit: 1 });
      expect(audit).toMatchObject({ target_label: `${SLUG} (tr)`, lang: "tr", actor_label: "mehmet@example.org" });
      expect(events.filter((e) => e.type === "edition")).toEqual([expect.objectContaining({ type: "edition", slug: SLUG, lang: "tr", action: "publish" })]);
    });

    it("later edits never reach readers; the workbench shows them as changes since the snapshot, and they block publishing until approved", async () => {
      const published = (await findTranslation(t.db, S05, "tr"))!;
      const draft = "Perşembe günü İdlib'de en az 33 Türk askeri öldü.";
      expect((await call("PUT", `/api/v1/translations/${S05}/tr`, { cookie: trTranslator, json: { text: draft, status: "draft", baseVersion: published.version } })).status).toBe(200);

      const story = (await getReaderStory(t.db, SLUG, ["tr"]))!;
      expect(story.segments.find((s) => s.key === "s05")!.texts.tr!.text).toBe(published.text);

      const { edition } = await json(await call("GET", url("tr"), { cookie: trTranslator }));
      expect(edition).toMatchObject({ state: "changed", complete: false, blockers: [{ key: "s05", reason: "not_approved" }] });
      expect(edition.changes).toEqual([{ key: "s05", kind: "paragraph", change: "changed", published: published.text, live: draft }]);

      const refused = await call("POST", url("tr"), { cookie: trReviewer, json: {} });
      expect(refused.status).toBe(422);
      expect((await json(refused)).error).toMatchObject({ code: "edition_incomplete", details: { blockers: [{ key: "s05", reason: "not_approved" }] } });
    });

    it("QA errors block publishing unless a reviewer's override is recorded on that version", async () => {
      // Approved without going through the quality gate (as a glossary change can leave it): a numbers error, no override.
      const current = (await findTranslation(t.db, S05, "tr"))!;
      const wrong = "Perşembe günü İdlib'de en az 34 Türk askeri öldü.";
      const saved = await saveTranslation(t.db, { segmentId: S05, lang: "tr", text: wrong, status: "approved", baseVersion: current.version, authorId: null, origin: "test" });
      expect(saved.kind).toBe("saved");
      const refused = await call("POST", url("tr"), { cookie: trReviewer, json: {} });
      expect(refused.status).toBe(422);
      expect((await json(refused)).error.details.blockers).toEqual([{ key: "s05", reason: "qa_errors", checks: expect.arrayContaining(["numbers"]) }]);

      // The reviewer approves the text again with a reason: the override is recorded and publishing is allowed.
      const version = (await findTranslation(t.db, S05, "tr"))!.version;
      expect((await call("POST", `/api/v1/translations/${S05}/tr/review`, { cookie: trReviewer, json: { decision: "approve", baseVersion: version, qaOverride: { reason: "Kaynak düzeltilecek; rakam doğru." } } })).status).toBe(200);
      const { edition } = await json(await call("GET", url("tr"), { cookie: trReviewer }));
      expect(edition).toMatchObject({ complete: true, blockers: [] });
    });

    it("publish update replaces the snapshot, with a public correction note and the update time", async () => {
      const response = await call("POST", url("tr"), { cookie: trReviewer, json: { correctionNote: "Bu haberin önceki sürümünde asker sayısı yanlış verilmişti." } });
      expect(response.status).toBe(200);
      const { edition, changed } = await json(response);
      expect(changed).toBe(true);
      expect(edition).toMatchObject({ state: "published", version: 2, correctionNote: "Bu haberin önceki sürümünde asker sayısı yanlış verilmişti.", changes: [] });
      expect(edition.updatedAt).toEqual(expect.any(String));
      expect(edition.updatedAt > edition.publishedAt).toBe(true);
      const story = (await getReaderStory(t.db, SLUG, ["tr"]))!;
      expect(story.segments.find((s) => s.key === "s05")!.texts.tr!.text).toContain("34");
      expect(story.editions[0]).toMatchObject({ correctionNote: expect.stringContaining("asker sayısı"), updatedAt: edition.updatedAt });
      const [audit] = await listAudit(t.db, { action: "edition.update", limit: 1 });
      expect(JSON.parse(audit!.details!)).toMatchObject({ version: 2, changes: 1 });

      // Nothing new: nothing changes.
      const again = await json(await call("POST", url("tr"), { cookie: trReviewer, json: {} }));
      expect(again).toMatchObject({ changed: false, edition: { version: 2 } });
    });

    it("unpublishing is for administrators, needs a reason, takes the edition off the reader and is audited", async () => {
      expect((await call("POST", url("tr", "/unpublish"), { cookie: trReviewer, json: { reason: "Hukuki inceleme." } })).status).toBe(403);
      expect((await call("POST", url("tr", "/unpublish"), { cookie: admin, json: { reason: " " } })).status).toBe(400);
      const response = await call("POST", url("tr", "/unpublish"), { cookie: admin, json: { reason: "Legal review of the casualty figures." } });
      expect(response.status).toBe(200);
      expect((await json(response)).edition).toMatchObject({ state: "unpublished", unpublishReason: "Legal review of the casualty figures." });
      expect(await getReaderStory(t.db, SLUG, ["tr"])).toBeUndefined();
      expect((await listReaderStories(t.db, "tr")).items).toEqual([]);
      const [audit] = await listAudit(t.db, { action: "edition.unpublish", limit: 1 });
      expect(audit).toMatchObject({ lang: "tr", actor_label: "chief@example.org" });
      expect(JSON.parse(audit!.details!)).toMatchObject({ reason: "Legal review of the casualty figures." });
      expect((await call("POST", url("tr", "/unpublish"), { cookie: admin, json: { reason: "Again." } })).status).toBe(404);
      // Publishing again is an update of the same edition.
      const back = await json(await call("POST", url("tr"), { cookie: admin, json: {} }));
      expect(back).toMatchObject({ changed: true, edition: { state: "published", version: 3 } });
    });

    it("the seed publishes every complete edition that has none yet, and leaves existing editions alone", async () => {
      const count = await publishSeedEditions(t.db, [SLUG]);
      expect(count).toBe(LANGUAGE_CODES.length - 1);
      const story = (await getReaderStory(t.db, SLUG, ["en"]))!;
      expect(story.editions.map((e) => e.lang)).toEqual(LANGUAGE_CODES);
      expect(story.editions.find((e) => e.lang === "tr")).toMatchObject({ correctionNote: expect.any(String) });
      expect(await publishSeedEditions(t.db, [SLUG])).toBe(0);
    });
  });
}
