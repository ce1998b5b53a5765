import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, saveTranslation } from "@/features/stories/server/repository";
import { runCli } from "@/features/cli/commands";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { closeEventBus, LocalEventBus, PostgresEventBus, setEventBus } from "@/features/workbench/server/events";

const SLUG = "idlib-2020-02-28";
const FIXTURES = path.join(process.cwd(), "tests", "fixtures");

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`command line on ${dialect.name}`, () => {
    let t: TestDatabase;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedStories(t.db, loadStoryContent(), "2026-01-01T00:00:00.000Z");
      await seedGlossary(t.db, loadGlossaryFiles());
      await createUserAccount(auth, t.db, { name: "Admin", email: "admin@example.org", username: "admin", password: "cli-password", admin: true }, null);
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "cli-password", grants: [{ role: "translator", lang: "tr" }] }, null);
    });
    afterAll(async () => {
      await t?.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, t.db);
      return { code, out: out.join("\n"), err: err.join("\n") };
    };

    it("imports a TMX file as a named admin, with progress, and exports the memory again", async () => {
      const file = path.join(FIXTURES, "tico19", "tmx", "all.en-ckb.head50.tmx");
      const dry = await run("import-tmx", file, "--as", "admin", "--dry-run");
      expect(dry).toMatchObject({ code: 0, out: expect.stringContaining("Dry run: would add 50 en→ckb") });
      expect(dry.err).toMatch(/all\.en-ckb\.head50\.tmx: 100%/);
      expect((await run("import-tmx", file, "--as", "admin")).out).toContain("Added 50 en→ckb");
      const out = path.join(dir, "memory.tmx");
      expect((await run("export-tmx", "--target", "ckb", "--out", out)).code).toBe(0);
      // The 35 approved Sorani translations of the seeded story and the 50 imported units, plus the
      // sentence units split from the story's paragraphs (marked as such).
      const tmx = fs.readFileSync(out, "utf8");
      const units = (tmx.match(/<tu /g) ?? []).length;
      const sentences = (tmx.match(/<prop type="x-granularity">sentence<\/prop>/g) ?? []).length;
      expect(units - sentences).toBe(85);
      expect(sentences).toBeGreaterThan(0);
    });

    it("refuses changes without an account, or by one without the permission, and says why", async () => {
      const file = path.join(FIXTURES, "tico19", "tmx", "all.en-ar.head50.tmx");
      const nobody = await run("import-tmx", file);
      expect(nobody.code).toBe(1);
      expect(nobody.err).toContain("--as");
      const translator = await run("import-tmx", file, "--as", "ayse");
      expect(translator).toMatchObject({ code: 1, err: expect.stringContaining("may not do this (document.import)") });
      const unknown = await run("import-tmx", file, "--as", "ghost");
      expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('No account with the username "ghost"') });
    });

    it("imports a glossary all or nothing, listing every problem with its line", async () => {
      const badFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-glossary-")), "sorani-in-latin.csv");
      fs.writeFileSync(badFile, "conceptId,lang,text\r\nbronchitis,en,bronchitis\r\nbronchitis,ckb,bronşît\r\n");
      const bad = await run("import-glossary", badFile, "--as", "admin");
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/sorani-in-latin\.csv:3/);
      expect(bad.err).toContain("nothing was imported");
      const kurmanji = await run("import-glossary", path.join(FIXTURES, "tico19", "terminologies", "g_en_ku.csv"), "--as", "admin", "--dry-run");
      expect(kurmanji).toMatchObject({ code: 0, out: expect.stringContaining('Note: Terms tagged "ku" (Kurdish) were read as Kurmanji (kmr, Latin script); tag Sorani terms ckb. (304 term(s))') });
      const good = await run("import-glossary", path.join(FIXTURES, "tico19", "terminologies", "f_en-tr_TR.csv"), "--as", "admin", "--dry-run");
      expect(good).toMatchObject({ code: 0, out: expect.stringMatching(/^Dry run: would import \d+ new concept/) });
      const tbx = await run("export-glossary", "--format", "tbx", "--lang", "en,tr");
      expect(tbx.out).toMatch(/<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"/);
      expect(tbx.out).toContain("Soçi Mutabakatı");
      expect((await run("export-glossary", "--format", "pdf")).code).toBe(1);
    });

    it("tells running servers when it imports a glossary (they drop their cached reader pages), and not on a dry run", async () => {
      // The command line's bus, and a server's: on PostgreSQL another instance on the same database
      // (LISTEN/NOTIFY); on SQLite one process.
      const cliBus = t.config.dialect === "postgres" ? new PostgresEventBus(t.config.url) : new LocalEventBus();
      const serverBus = t.config.dialect === "postgres" ? new PostgresEventBus(t.config.url) : cliBus;
      setEventBus(cliBus);
      const heard: string[] = [];
      serverBus.subscribeGlossaryChanges((e) => heard.push(e.type));
      if (serverBus instanceof PostgresEventBus) await serverBus.listening();
      try {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-glossary-")), "one.csv");
        fs.writeFileSync(file, "conceptId,lang,text\r\ncli-announce,en,ceasefire line\r\ncli-announce,tr,ateşkes hattı\r\n");
        expect((await run("import-glossary", file, "--as", "admin", "--dry-run")).code).toBe(0);
        expect((await run("import-glossary", file, "--as", "admin", "--status", "approved")).code).toBe(0);
        // The import's announcement is sent before the command returns; NOTIFY reaches the other
        // connection in order, so a marker published after it arrives after it.
        const marker = new Promise<void>((resolve) => serverBus.subscribe("cli-test", "tr", () => resolve()));
        await cliBus.publish({ type: "comments", documentId: "cli-test", lang: "tr", segmentId: "s", openThreads: 0 });
        await marker;
        expect(heard).toEqual(["glossary_changed"]);
      } finally {
        await closeEventBus();
        if (serverBus !== cliBus) await serverBus.close();
      }
    });

    it("runs the QA report and, with --fail-on-error, exits 2 when a translation has errors", async () => {
      expect((await run("qa-report", SLUG, "--lang", "tr", "--fail-on-error")).code).toBe(0);
      const seg = seedSegmentId(SLUG, "s05");
      const current = (await findTranslation(t.db, seg, "tr"))!;
      await saveTranslation(t.db, { segmentId: seg, lang: "tr", text: current.text.replace("33", "34"), status: "draft", baseVersion: current.version, authorId: null, origin: "test" });
      const report = await run("qa-report", SLUG, "--lang", "tr", "--fail-on-error", "--ui", "ru");
      expect(report.code).toBe(2);
      expect(report.out).toMatch(/^s05\terror\tnumbers\t/m);
      expect(report.err).toMatch(/error\(s\)/);
      const json = JSON.parse((await run("qa-report", SLUG, "--lang", "tr", "--json")).out) as { counts: { error: number } };
      expect(json.counts.error).toBeGreaterThan(0);
    });

    it("imports a story file and then a new version of its source", async () => {
      const v1 = path.join(dir, "ceasefire.md");
      fs.writeFileSync(v1, "# Ceasefire talks in Moscow\n\nTurkey and Russia met on Thursday.\n\nThe talks lasted six hours.\n");
      expect((await run("import-story", v1, "--as", "ayse")).err).toContain("may not do this (document.import)");
      const created = await run("import-story", v1, "--as", "admin", "--slug", "ceasefire-talks");
      expect(created).toMatchObject({ code: 0, out: 'Created "ceasefire-talks" with 3 segment(s).' });
      const v2 = path.join(dir, "ceasefire-v2.txt");
      fs.writeFileSync(v2, "Ceasefire talks in Moscow\n\nTurkey and Russia met on Thursday evening.\n\nThe talks lasted six hours.\n\nA ceasefire begins at midnight.\n");
      expect((await run("update-source", "ceasefire-talks", v2, "--as", "admin", "--dry-run")).out).toBe("Dry run: would keep 2, outdate 1 changed, add 1 and remove 0 segment(s).");
      expect((await run("update-source", "ceasefire-talks", v2, "--as", "admin")).out).toBe("Kept 2, outdated 1 changed, added 1 and removed 0 segment(s).");
      expect((await run("import-story", path.join(dir, "story.pdf"), "--as", "admin")).err).toContain("Cannot tell the format");
    });

    it("exports XLIFF and imports an edited file back, changing exactly the edited unit", async () => {
      const file = path.join(dir, "story.tr.xlf");
      expect((await run("export-xliff", SLUG, "--lang", "tr", "--version", "2.1", "--out", file)).code).toBe(0);
      const xliff = fs.readFileSync(file, "utf8");
      expect(xliff).toContain('version="2.1"');
      const s04 = (await findTranslation(t.db, seedSegmentId(SLUG, "s04"), "tr"))!;
      const edited = s04.text.replace("cuma günü", "cuma günü öğleden sonra");
      fs.writeFileSync(file, xliff.replace(`>${s04.text}<`, `>${edited}<`));
      expect((await run("import-xliff", SLUG, file, "--lang", "tr", "--as", "admin", "--dry-run")).out).toMatch(/^Dry run: .*1 update/);
      expect((await findTranslation(t.db, seedSegmentId(SLUG, "s04"), "tr"))!.text).toBe(s04.text);
      expect((await run("import-xliff", SLUG, file, "--lang", "ar", "--as", "ayse")).err).toContain("may not do this (translation.edit in ar)");
      const applied = await run("import-xliff", SLUG, file, "--lang", "tr", "--as", "ayse");
      expect(applied.out).toMatch(/^Imported: .*1 update/);
      expect((await findTranslation(t.db, seedSegmentId(SLUG, "s04"), "tr"))!.text).toBe(edited);
    });

    it("exports a story as HTML and Markdown, and says what is wrong with a bad command", async () => {
      expect((await run("export-story", SLUG, "--format", "html", "--lang", "ar")).out).toMatch(/<html lang="ar" dir="rtl">/);
      expect((await run("export-story", SLUG, "--format", "md", "--lang", "ckb")).out).toContain("dir: rtl");
      expect((await run("export-story", SLUG, "--format", "html", "--lang", "xx")).err).toContain('Unknown language "xx"');
      expect((await run("no-such-command")).code).toBe(1);
      expect((await run("export-story", "no-such-story", "--format", "tmx")).code).toBe(1);
    });
  });
}

describe("npm run cli", () => {
  it("runs as its own process against the configured database and exits non-zero on failure", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-process-"));
    try {
      const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "cli.sqlite")}` };
      const cli = (...args: string[]) => spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], { env, encoding: "utf8" });
      const help = cli("--help");
      expect(help.status).toBe(0);
      expect(help.stdout).toContain("import-tmx");
      const refused = cli("import-tmx", path.join(FIXTURES, "tico19", "tmx", "all.en-ar.head50.tmx"), "--as", "nobody");
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('No account with the username "nobody"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
