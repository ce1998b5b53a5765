import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { xmllint } from "../helpers/xmllint";
import { createUserAccount } from "@/features/auth/server/users";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { getGlossaryVersion } from "@/features/glossary/server/repository";
import { SUMMARY_LIST_CAP, exportConcepts, importGlossary } from "@/features/glossary/server/exchange";
import { parseCsv, parseGlossaryFile, parseTbx, serializeGlossary } from "@/features/glossary/exchange";
import { TERM_STATUSES } from "@/lib/db/schema";

type Json = Record<string, any>;
const PASSWORD = "exchange-password";
const FIXTURES = path.join(process.cwd(), "tests", "fixtures");
const fixture = (p: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, p)));

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`glossary import and export on ${dialect.name}`, () => {
    let t: TestDatabase;
    const cookies: Record<string, string> = {};
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedGlossary(t.db, loadGlossaryFiles());
      const people: [string, { admin?: boolean; grants?: { role: "translator" | "reviewer"; lang: string }[] }][] = [
        ["admin", { admin: true }],
        ["trt", { grants: [{ role: "translator", lang: "tr" }] }],
        ["trr", { grants: [{ role: "reviewer", lang: "tr" }] }],
      ];
      for (const [u, extra] of people) {
        const user = await createUserAccount(auth, t.db, { name: u, email: `${u}@example.org`, username: u, password: PASSWORD, ...extra }, null);
        ids[u] = user.id;
        cookies[u] = (await signIn(u, PASSWORD)).cookie!;
      }
    });
    afterAll(async () => {
      await t?.destroy();
    });

    /** Posts a file; as the admin unless another cookie (or null: anonymous) is given. */
    const importFile = (body: Uint8Array | string, query: string, cookie: string | null = cookies.admin!) =>
      call("POST", `/api/v1/glossary/import?${query}`, { cookie: cookie ?? undefined, body: typeof body === "string" ? body : new Uint8Array(body), headers: { "content-type": "application/octet-stream" } });
    const exportFile = (query: string, cookie?: string) => call("GET", `/api/v1/glossary/export?${query}`, { cookie });
    const count = async (table: "concepts" | "terms" | "glossary_events") => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const snapshot = async () => ({ concepts: await count("concepts"), terms: await count("terms"), events: await count("glossary_events"), version: await getGlossaryVersion(t.db) });
    const termsOf = async (conceptId: string) =>
      (await t.db.selectFrom("terms").select(["lang", "text", "status"]).where("concept_id", "=", conceptId).orderBy("lang").orderBy("text").execute()).map((r) => [r.lang, r.text, r.status]);
    const recognize = async (lang: string, text: string) =>
      ((await (await call("POST", "/api/v1/glossary/recognize", { json: { lang, text } })).json()) as { matches: Json[] }).matches.map((m) => [m.conceptId, m.text]);

    describe("POST /api/v1/glossary/import", () => {
      it("is for administrators only", async () => {
        const csv = "conceptId,lang,text\r\nonly-admins,en,only admins\r\n";
        expect((await importFile(csv, "format=csv", null)).status).toBe(401);
        expect((await importFile(csv, "format=csv", cookies.trt)).status).toBe(403);
        expect((await importFile(csv, "format=csv", cookies.trr)).status).toBe(403);
        expect(await t.db.selectFrom("concepts").select("id").where("id", "=", "only-admins").executeTakeFirst()).toBeUndefined();
        expect((await importFile(csv, "format=csv&dryRun=1")).status).toBe(200);
      });

      it("a summary lists the first SUMMARY_LIST_CAP concepts and terms one by one and counts them all", async () => {
        const rows = Array.from({ length: SUMMARY_LIST_CAP + 200 }, (_, i) => `${i + 1},en,tr_TR,capped concept ${i + 1},sınırlı kavram ${i + 1}`);
        const csv = new TextEncoder().encode(["id,sourceLang,targetLang,sourceString,targetString", ...rows].join("\n"));
        const result = await importGlossary(t.db, parseGlossaryFile("csv", csv), { actorId: "someone", fileName: "capped.csv", defaultStatus: "proposed", dryRun: true });
        if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
        expect(result.summary.conceptsCreated + result.summary.conceptsMatched).toBe(SUMMARY_LIST_CAP + 200);
        expect(result.summary.termsAdded + result.summary.termsPresent).toBe(2 * (SUMMARY_LIST_CAP + 200));
        expect(result.summary.concepts).toHaveLength(SUMMARY_LIST_CAP);
        expect(result.summary.terms).toHaveLength(SUMMARY_LIST_CAP);
        expect(result.summary.concepts[0]).toMatchObject({ entry: "row 1", action: "create" });
      });

      it("a dry run reports what would happen and writes nothing", async () => {
        const before = await snapshot();
        const r = await importFile(fixture("tico19/terminologies/f_en-tr_TR.csv"), "format=csv&dryRun=1&filename=f_en-tr_TR.csv");
        expect(r.status).toBe(200);
        const summary = (await r.json()) as Json;
        expect(summary).toMatchObject({ dryRun: true, fileName: "f_en-tr_TR.csv", format: "csv", termsPresent: 0 });
        expect(summary.conceptsCreated + summary.conceptsMatched).toBe(306);
        expect(summary.termsAdded).toBe(612);
        expect(summary.concepts[1]).toEqual({ entry: "row 2", conceptId: "acute-bronchitis", action: "create" });
        expect(summary.terms.slice(2, 4)).toEqual([
          { conceptId: "acute-bronchitis", lang: "en", text: "acute bronchitis", status: "proposed", action: "add" },
          { conceptId: "acute-bronchitis", lang: "tr", text: "akut bronşit", status: "proposed", action: "add" },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it("a file with one bad entry imports nothing and lists the problem with its line", async () => {
        const before = await snapshot();
        const csv = ["conceptId,lang,text,status", "field-hospital,en,field hospital,approved", "field-hospital,tr,sahra hastanesi,approved", "field-hospital,ru,полевой госпиталь,accepted", "field-hospital,ar,مستشفى ميداني,approved"].join("\r\n");
        const r = await importFile(csv, "format=csv&filename=bad.csv");
        expect(r.status).toBe(422);
        expect(await r.json()).toEqual({
          error: {
            code: "validation_failed",
            message: "The file has 1 problem; nothing was imported.",
            details: { problems: [{ line: 4, entry: "field-hospital", field: "status", message: expect.stringMatching(/status "accepted" is not one of/) }], ignored: { languages: {}, categories: {} } },
          },
        });
        expect(await snapshot()).toEqual(before);
      });

      it("a TBX entry with a problem imports nothing either, and names the entry and line", async () => {
        const before = await snapshot();
        const tbx = serializeGlossary("tbx", [
          { id: "good-one", subject: "place", definition: "d", note: null, entry: "good-one", terms: [{ lang: "en", text: "good one", type: "fullForm", pos: "noun", usage: "preferred", caseSensitive: false, doNotTranslate: false, commonWord: false, plainVowels: false, note: null, status: null, proposedBy: null, proposedAt: null, reviewedBy: null, reviewedAt: null, reviewComment: null }] },
          { id: "bad-one", subject: "place", definition: "d", note: null, entry: "bad-one", terms: [{ lang: "ckb", text: "bronşît", type: "fullForm", pos: "noun", usage: "preferred", caseSensitive: false, doNotTranslate: false, commonWord: false, plainVowels: false, note: null, status: null, proposedBy: null, proposedAt: null, reviewedBy: null, reviewedAt: null, reviewComment: null }] },
        ]);
        const r = await importFile(tbx, "format=tbx");
        expect(r.status).toBe(422);
        const problems = ((await r.json()) as Json).error.details.problems;
        expect(problems).toEqual([{ entry: "bad-one", line: expect.any(Number), field: "text", message: expect.stringMatching(/Latin script/) }]);
        expect(await snapshot()).toEqual(before);
      });

      it("imports the TICO-19 tr, ru and ar lists into one concept per English term with three translations, recording events and a new glossary version", async () => {
        const before = await snapshot();
        const results: Json[] = [];
        for (const file of ["f_en-tr_TR.csv", "f_en-ru_RU.csv", "f_en-ar_AR.csv"]) {
          const r = await importFile(fixture(`tico19/terminologies/${file}`), `format=csv&filename=${file}`);
          expect(r.status).toBe(200);
          results.push((await r.json()) as Json);
        }
        expect(results[0]).toMatchObject({ dryRun: false, termsAdded: 612 });
        for (const later of results.slice(1)) expect(later).toMatchObject({ conceptsCreated: 0, conceptsMatched: 306, termsAdded: 306, termsPresent: 306 });
        expect(await termsOf("acute-bronchitis")).toEqual([
          ["ar", "التهاب الشعب الهوائية الحاد", "proposed"],
          ["en", "acute bronchitis", "proposed"],
          ["ru", "острый бронхит", "proposed"],
          ["tr", "akut bronşit", "proposed"],
        ]);
        expect(await termsOf("1918-flu")).toEqual([
          ["ar", "إنفلونزا 1918", "proposed"],
          ["en", "1918 flu", "proposed"],
          ["ru", "грипп 1918 года", "proposed"],
          ["tr", "1918 gribi", "proposed"],
        ]);
        const concept = await t.db.selectFrom("concepts").selectAll().where("id", "=", "acute-bronchitis").executeTakeFirstOrThrow();
        expect(concept).toMatchObject({ subject: "general", definition: "", created_by: ids.admin });
        const events = await t.db.selectFrom("glossary_events").select(["action", "actor_id", "details", "term_id"]).where("concept_id", "=", "acute-bronchitis").orderBy("created_at").orderBy("action").execute();
        expect(events.map((e) => [e.action, JSON.parse(e.details!).file])).toEqual([
          ["concept.import", "f_en-tr_TR.csv"],
          ["term.import", "f_en-tr_TR.csv"],
          ["term.import", "f_en-tr_TR.csv"],
          ["term.import", "f_en-ru_RU.csv"],
          ["term.import", "f_en-ar_AR.csv"],
        ]);
        expect(events.every((e) => e.actor_id === ids.admin)).toBe(true);
        const after = await snapshot();
        expect(after.terms - before.terms).toBe(612 + 306 + 306);
        expect(after.version).toBe(before.version + 3);
      });

      it("the TICO-19 g_ list with descriptions fills the empty definitions of the concepts it matches, and adds its other translations", async () => {
        const r = await importFile(fixture("tico19/terminologies/g_en_tr.csv"), "format=csv&filename=g_en_tr.csv");
        expect(r.status).toBe(200);
        const summary = (await r.json()) as Json;
        expect(summary.termsPresent).toBeGreaterThan(0);
        const incubation = summary.concepts.find((c: Json) => c.entry === "row 12");
        expect(incubation).toMatchObject({ conceptId: "incubation-period", action: "match", matchedBy: "english", filled: ["definition"] });
        const c = await t.db.selectFrom("concepts").select("definition").where("id", "=", "incubation-period").executeTakeFirstOrThrow();
        expect(c.definition).toMatch(/^In the context of coronavirus \(COVID-19\): the period of time between infection/);
        // The list gives two Turkish terms for it on two rows; both end up on the one concept.
        expect((await termsOf("incubation-period")).filter(([lang]) => lang === "tr").map(([, text]) => text)).toEqual(expect.arrayContaining(["kuluçka evresi", "kuluçka süresi"]));
      });

      it("imports the TICO-19 Kurmanji lists into kmr (cb_IQ in Latin script, plain ku), saying so in the summary", async () => {
        const cb = await importFile(fixture("tico19/terminologies/f_en-cb_IQ.csv"), "format=csv&filename=f_en-cb_IQ.csv");
        expect(cb.status).toBe(200);
        const cbSummary = (await cb.json()) as Json;
        expect(cbSummary.conceptsCreated + cbSummary.conceptsMatched).toBe(306);
        expect(cbSummary.termsAdded + cbSummary.termsPresent).toBe(612);
        expect(cbSummary.terms.filter((x: Json) => x.lang === "kmr")).toHaveLength(306);
        expect(cbSummary.languageNotes).toEqual([{ tag: "cb_IQ", lang: "kmr", terms: 306, message: expect.stringMatching(/read as Kurmanji \(kmr\)/) }]);
        expect(await termsOf("acute-bronchitis")).toEqual(expect.arrayContaining([["kmr", "bronşîta giran", "proposed"]]));

        const ku = await importFile(fixture("tico19/terminologies/g_en_ku.csv"), "format=csv&filename=g_en_ku.csv");
        expect(ku.status).toBe(200);
        const kuSummary = (await ku.json()) as Json;
        expect(kuSummary.conceptsCreated + kuSummary.conceptsMatched).toBe(304);
        expect(kuSummary.terms.filter((x: Json) => x.lang === "kmr")).toHaveLength(304);
        expect(kuSummary.languageNotes).toEqual([{ tag: "ku", lang: "kmr", terms: 304, message: expect.stringMatching(/tagged "ku" \(Kurdish\) were read as Kurmanji/) }]);
      });

      it("imports the Okapi TBX termbases (TBX 2008, windows-1254 among them), merging by English term and keeping ids that are free", async () => {
        const summaries: Record<string, Json> = {};
        for (const file of fs.readdirSync(path.join(FIXTURES, "okapi/tbx")).sort()) {
          const r = await importFile(fixture(`okapi/tbx/${file}`), `format=tbx&status=approved&filename=${file}`);
          expect(r.status, file).toBe(200);
          summaries[file] = (await r.json()) as Json;
        }
        expect(summaries["sdl_tbx.tbx"]).toMatchObject({ format: "tbx2008", ignored: { languages: { de: 277 } } });
        expect(summaries["sdl_tbx.tbx"]!.conceptsCreated + summaries["sdl_tbx.tbx"]!.conceptsMatched).toBe(223);
        // ibm_tbx.tbx took "c1" first; oracle's c1 is another concept, so it gets a slug of its English term.
        expect(summaries["ibm_tbx.tbx"]!.concepts[0]).toEqual({ entry: "c1", conceptId: "c1", action: "create" });
        expect(summaries["oracle_TBX.tbx"]!.concepts[0]).toEqual({ entry: "c1", conceptId: "provincial-reporting-establishment", action: "create" });
        expect(summaries["maryland.tbx"]!.concepts[0]).toEqual({ entry: "eid-VocCod-211.01", conceptId: "scribe", action: "create" });
        expect(await termsOf("id1")).toEqual([
          ["en", "term with: éá and İı", "approved"],
          ["tr", "tr term with: éá and İı", "approved"],
        ]);
        const again = await importFile(fixture("okapi/tbx/ibm_tbx.tbx"), "format=tbx&status=approved");
        expect(await again.json()).toMatchObject({ conceptsCreated: 0, conceptsMatched: 5, termsAdded: 0, termsPresent: 6 });
      });

      it("imported approved terms are recognized by POST /api/v1/glossary/recognize at once", async () => {
        expect(await recognize("tr", "İki sahra hastanesi kuruldu.")).toEqual([]);
        const csv = "conceptId,subject,definition,lang,text,type,pos\r\nfield-hospital,medicine,A mobile hospital near a front line.,en,field hospital,fullForm,noun\r\nfield-hospital,medicine,A mobile hospital near a front line.,tr,sahra hastanesi,fullForm,noun\r\n";
        const r = await importFile(csv, "format=csv&status=approved&filename=field-hospital.csv");
        expect(r.status).toBe(200);
        expect(await recognize("tr", "İki sahra hastanesi kuruldu.")).toEqual([["field-hospital", "sahra hastanesi"]]);
        expect(await recognize("en", "Two field hospitals opened.")).toEqual([["field-hospital", "field hospitals"]]);
        const row = await t.db.selectFrom("terms").selectAll().where("concept_id", "=", "field-hospital").where("lang", "=", "tr").executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: "approved", proposed_by: ids.admin, reviewed_by: ids.admin });
      });

      it("refuses a file over 20 MB with 413, and a bad query with 400", async () => {
        const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41);
        const r = await importFile(big, "format=csv");
        expect(r.status).toBe(413);
        expect(((await r.json()) as Json).error.code).toBe("payload_too_large");
        expect((await importFile("x", "format=xlsx")).status).toBe(400);
        expect((await importFile("x", "format=csv&status=rejected")).status).toBe(400);
      });
    });

    describe("GET /api/v1/glossary/export", () => {
      beforeAll(async () => {
        // Terms in every workflow status, with review comments.
        const propose = async (lang: string, body: Json) => ((await (await call("POST", `/api/v1/glossary/${lang}/terms`, { cookie: cookies.trt, json: body })).json()) as { terms: Json[] }).terms[0]!.id as string;
        const review = (id: string, body: Json) => call("POST", `/api/v1/glossary/tr/terms/${id}/review`, { cookie: cookies.trr, json: body });
        await propose("tr", { conceptId: "frigate", term: { text: "savaş gemisi", type: "variant", usage: "admitted", note: "Haberlerde sık geçer." } });
        const rejected = await propose("tr", { conceptId: "cruise-missile", term: { text: "uçan bomba" } });
        await review(rejected, { decision: "reject", comment: "Haber dili değil; \"seyir füzesi\" yazın." });
        const deprecated = await propose("tr", { conceptId: "drone", term: { text: "SİHA", type: "abbreviation", caseSensitive: true } });
        await review(deprecated, { decision: "approve" });
        await review(deprecated, { decision: "deprecate", comment: "Artık İHA yazıyoruz." });
      });

      it("gives anonymous callers approved terms only, without who proposed or reviewed them, as a valid TBX v3 attachment", async () => {
        const r = await exportFile("format=tbx");
        expect(r.status).toBe(200);
        expect(r.headers.get("content-type")).toBe("application/x-tbx+xml; charset=utf-8");
        expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="newsroom-glossary-\d{4}-\d{2}-\d{2}\.tbx"$/);
        const xml = await r.text();
        expect(xmllint(xml, { relaxng: "TBXcoreStructV03.rng" }).valid).toBe(true);
        const parsed = parseTbx(xml);
        expect(parsed.problems).toEqual([]);
        const terms = parsed.concepts.flatMap((c) => c.terms);
        expect(new Set(terms.map((x) => x.status))).toEqual(new Set(["approved"]));
        expect(terms.every((x) => x.proposedBy === null && x.reviewedBy === null && x.reviewComment === null)).toBe(true);
        expect(terms.map((x) => x.text)).toContain("İdlib");
        expect(terms.map((x) => x.text)).not.toContain("savaş gemisi");
        expect(terms.map((x) => x.text)).not.toContain("akut bronşit");
        // Asking for more does not show more.
        const proposed = parseTbx(await (await exportFile("format=tbx&status=proposed,rejected")).text());
        expect(proposed.concepts).toEqual([]);
      });

      it("gives the team every status with proposer, reviewer and comments; filters by language and status", async () => {
        const csv = parseCsv(new Uint8Array(Buffer.from(await (await exportFile("format=csv&lang=tr&status=rejected,deprecated", cookies.trt)).text())));
        expect(csv.problems).toEqual([]);
        expect(csv.concepts.flatMap((c) => c.terms.map((x) => [c.id, x.lang, x.text, x.status, x.reviewComment, x.reviewedBy]))).toEqual([
          ["cruise-missile", "tr", "uçan bomba", "rejected", 'Haber dili değil; "seyir füzesi" yazın.', ids.trr],
          ["drone", "tr", "SİHA", "deprecated", "Artık İHA yazıyoruz.", ids.trr],
        ]);
        const r = await exportFile("format=tbx2008&lang=tr,ru", cookies.admin);
        expect(r.headers.get("content-disposition")).toMatch(/filename="newsroom-glossary-tr-ru-tbx2008-\d{4}-\d{2}-\d{2}\.tbx"/);
        const xml = await r.text();
        expect(xmllint(xml, { dtd: "TBXcoreStructV02.dtd" }).valid).toBe(true);
        const langs = new Set(parseTbx(xml).concepts.flatMap((c) => c.terms.map((x) => x.lang)));
        expect(langs).toEqual(new Set(["tr", "ru"]));
        expect((await exportFile("format=pdf")).status).toBe(400);
        expect((await exportFile("format=tbx&lang=ku")).status).toBe(400);
      });

      for (const format of ["tbx", "tbx2008", "csv"] as const) {
        it(`${format}: export → import into an empty database → export is byte-identical`, async () => {
          // Bytes, not text(): text() would drop the CSV's byte order mark.
          const first = new Uint8Array(await (await exportFile(`format=${format}`, cookies.admin)).arrayBuffer());
          const parsed = parseGlossaryFile(format === "csv" ? "csv" : "tbx", first);
          expect(new Set(parsed.concepts.flatMap((c) => c.terms.map((x) => x.status)))).toEqual(new Set(TERM_STATUSES));
          const other = await dialect.create();
          try {
            const result = await importGlossary(other.db, parsed, { actorId: "someone-else", fileName: `round-trip.${format}`, defaultStatus: "proposed", dryRun: false });
            expect(result.ok).toBe(true);
            const second = serializeGlossary(format, await exportConcepts(other.db, { statuses: TERM_STATUSES, includePeople: true }));
            expect(Buffer.from(second, "utf8").equals(Buffer.from(first))).toBe(true);
            if (format === "csv") expect([...first.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          } finally {
            await other.destroy();
          }
        });
      }

      it("an empty TBX 2008 export is 404 (its DTD needs an entry); an empty TBX v3 export is a valid file", async () => {
        expect((await exportFile("format=tbx2008&status=proposed")).status).toBe(404);
        const empty = await exportFile("format=tbx&status=proposed");
        expect(empty.status).toBe(200);
        expect(xmllint(await empty.text(), { relaxng: "TBXcoreStructV03.rng" }).valid).toBe(true);
      });
    });
  });
}
