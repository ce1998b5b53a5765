import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { xmllint } from "../helpers/xmllint";
import { createUserAccount } from "@/features/auth/server/users";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures");
const read = (...p: string[]) => fs.readFileSync(path.join(FIXTURES, ...p));
const TICO_AR = read("tico19", "tmx", "all.en-ar.head50.tmx");
const TICO_CKB = read("tico19", "tmx", "all.en-ckb.head50.tmx");
const TICO_KU = read("tico19", "tmx", "all.en-ku.head50.tmx");

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`TMX import and export on ${dialect.name}`, () => {
    let t: TestDatabase;
    let admin: string;
    let translator: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Admin", email: "admin@example.org", username: "admin", password: "tmx-password", admin: true }, null);
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "tmx-password", grants: [{ role: "translator", lang: "ar" }] }, null);
      admin = (await signIn("admin", "tmx-password")).cookie!;
      translator = (await signIn("ayse", "tmx-password")).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const importTmx = (body: BodyInit, query = "", cookie = admin, headers: Record<string, string> = {}) =>
      call("POST", `/api/v1/tm/import?${query}`, { cookie, body, headers: { "content-type": "application/xml", ...headers } });
    const unitCount = async () => Number((await t.db.selectFrom("tm_units").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const lookup = async (targetLang: string, text: string) => ((await (await call("GET", `/api/v1/tm/lookup?${new URLSearchParams({ targetLang, text })}`, { cookie: translator })).json()) as { matches: Json[] }).matches;

    it("a dry run reports the real TICO-19 file and writes nothing; the import adds its units, found at once", async () => {
      const dry = await importTmx(TICO_AR, "filename=all.en-ar.tmx&dryRun=1");
      expect(dry.status).toBe(200);
      expect((await dry.json()).summary).toMatchObject({ dryRun: true, units: 50, added: { "en>ar": 50 }, duplicates: 0 });
      expect(await unitCount()).toBe(0);
      const real = await importTmx(TICO_AR, "filename=all.en-ar.tmx");
      expect((await real.json()).summary).toMatchObject({ dryRun: false, units: 50, added: { "en>ar": 50 } });
      expect(await unitCount()).toBe(50);
      const first = /<tuv xml:lang="en">\s*<seg>([^<]+)<\/seg>/.exec(TICO_AR.toString("utf8"))![1]!;
      const [match] = await lookup("ar", first);
      expect(match).toMatchObject({ source: first, score: 100, origin: "tmx", originDetail: "all.en-ar.tmx" });
    });

    it("does not add the same units twice, and takes Sorani (ckb) units", async () => {
      expect((await (await importTmx(TICO_AR, "filename=again.tmx")).json()).summary).toMatchObject({ added: {}, duplicates: 50 });
      expect((await (await importTmx(TICO_CKB, "filename=all.en-ckb.tmx")).json()).summary).toMatchObject({ added: { "en>ckb": 50 } });
      expect(await unitCount()).toBe(100);
    });

    it("reads TICO-19's plain ku as Kurmanji (kmr) and says so in the report", async () => {
      const r = await importTmx(TICO_KU, "filename=all.en-ku.tmx");
      expect(r.status).toBe(200);
      const summary = (await r.json()).summary;
      expect(summary).toMatchObject({ units: 50, added: { "en>kmr": 50 }, skippedLanguages: {} });
      expect(summary.warnings[0]).toEqual({ message: '50 variant(s) tagged "ku" were read as Kurdish (Kurmanji) (kmr).' });
      expect(await unitCount()).toBe(150);
    });

    it("skips languages the workbench does not translate and says so (Okapi's en-US/fr-CA files)", async () => {
      const r = await importTmx(read("okapi", "tmx", "compkit_ImportTest1A.tmx"), "filename=compkit_ImportTest1A.tmx");
      expect(r.status).toBe(200);
      expect((await r.json()).summary).toMatchObject({ units: 2, added: {}, skippedLanguages: { "fr-ca": 2 } });
      const warned = await importTmx(read("okapi", "tmx", "html_test.tmx"), "filename=html_test.tmx&dryRun=1");
      expect((await warned.json()).summary.warnings[0]).toMatchObject({ line: 14 });
    });

    it("refuses hostile and malformed files with a clear message, and changes nothing", async () => {
      const before = await unitCount();
      const bomb = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv><tuv xml:lang="ar"><seg>x</seg></tuv></tu></body></tmx>`;
      const external = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>`;
      const truncated = TICO_AR.subarray(0, Math.floor(TICO_AR.length / 2));
      const notTmx = `<?xml version="1.0"?><xliff version="1.2"><file/></xliff>`;
      const latin1 = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>caf`), Buffer.from([0xe9]), Buffer.from(`</seg></tuv></tu></body></tmx>`)]);
      for (const [name, body, words] of [
        ["bomb", bomb, /entit/i],
        ["external", external, /entit/i],
        ["truncated", truncated, /line \d+|unexpected|end/i],
        ["not TMX", notTmx, /TMX/],
        ["invalid UTF-8", latin1, /UTF-8|byte/i],
      ] as const) {
        const r = await importTmx(body, `filename=${encodeURIComponent(name)}.tmx`);
        expect(r.status, name).toBe(400);
        const { error } = (await r.json()) as { error: { code: string; message: string } };
        expect(error.code, name).toBe("validation_failed");
        expect(error.message, name).toMatch(words);
      }
      expect(await unitCount()).toBe(before);
    });

    it("streams progress lines when asked, ending with the summary", async () => {
      const r = await importTmx(TICO_CKB, "filename=ckb.tmx&dryRun=1", admin, { accept: "application/x-ndjson" });
      expect(r.headers.get("content-type")).toContain("application/x-ndjson");
      const lines = (await r.text()).trim().split("\n").map((l) => JSON.parse(l) as Json);
      expect(lines.at(-1)).toMatchObject({ type: "done", summary: { units: 50, duplicates: 50 } });
      const failed = await importTmx("<tmx", "filename=bad.tmx", admin, { accept: "application/x-ndjson" });
      expect(((await failed.text()).trim().split("\n").map((l) => JSON.parse(l) as Json)).at(-1)).toMatchObject({ type: "error", status: 400, error: { code: "validation_failed" } });
    });

    it("only admins import; exports are TMX valid against the DTD and import back to the same memory", async () => {
      expect((await importTmx(TICO_AR, "", translator)).status).toBe(403);
      const exported = await call("GET", "/api/v1/tm/export?sourceLang=en&targetLang=ar", { cookie: translator });
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toContain("memory-en-ar.tmx");
      const tmx = await exported.text();
      const check = xmllint(tmx, { dtd: "tmx14.dtd" });
      expect(check.output).toBe("");
      expect(check.valid).toBe(true);

      const other = await dialect.create();
      try {
        const auth = useAuth(other.db, new TestClock());
        await createUserAccount(auth, other.db, { name: "Admin", email: "admin@example.org", username: "admin", password: "tmx-password", admin: true }, null);
        const cookie = (await signIn("admin", "tmx-password")).cookie!;
        const again = await call("POST", "/api/v1/tm/import?filename=memory-en-ar.tmx", { cookie, body: tmx, headers: { "content-type": "application/xml" } });
        expect((await again.json()).summary).toMatchObject({ added: { "en>ar": 50 } });
        const pairs = async (db: typeof t.db) => (await db.selectFrom("tm_units").select(["source_text", "target_text", "created_at"]).where("target_lang", "=", "ar").orderBy("source_text").execute()).map((u) => [u.source_text, u.target_text, u.created_at.slice(0, 19)]);
        expect(await pairs(other.db)).toEqual(await pairs(t.db));
      } finally {
        await other.destroy();
        useAuth(t.db, new TestClock());
      }
    });
  });
}
