/**
 * Issue 11, finding 1: the anonymous endpoints that compute (quality checks,
 * glossary recognition and lookup) do so in a worker thread for long texts,
 * so a request of the largest allowed size does not hold up cheap ones; the
 * worker's glossary follows glossary changes; and the answer is the one the
 * request thread gives for the same text.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, useAuth } from "../helpers/api";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { bumpGlossaryVersion, insertTerm, newTermRow } from "@/features/glossary/server/repository";
import { anonymousCompute } from "@/lib/api/throttle";
import { workerPool } from "@/lib/worker/pool";

const N = 99_998;
const LARGEST = [
  { url: "/api/v1/qa/check", json: { sourceLang: "en", targetLang: "ru", source: "Idlib ".repeat(N / 6), target: "жa".repeat(N / 2) } },
  { url: "/api/v1/glossary/recognize", json: { lang: "en", text: "Idlib ".repeat(N / 6) } },
  { url: "/api/v1/glossary/lookup", json: { sourceLang: "en", targetLang: "tr", source: "Idlib ".repeat(N / 6), target: "İdlib ".repeat(N / 6) } },
];

/** Resolves once the worker pool holds a job (running or waiting for a worker), or once `done` says the request has been answered. */
async function untilWorkerOrAnswer(done: () => boolean): Promise<boolean> {
  for (;;) {
    const s = workerPool().stats();
    if (s.running + s.queued > 0) return true;
    if (done()) return false;
    await new Promise((r) => setImmediate(r));
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`compute endpoints in a worker on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      useAuth(t.db, new TestClock());
      await seedGlossary(t.db, loadGlossaryFiles());
    });
    afterEach(() => anonymousCompute.reset());
    afterAll(async () => {
      await t?.destroy();
    });

    for (const e of LARGEST) {
      it(`POST ${e.url} of the largest size runs in a worker: a cheap request sent after it is answered first`, async () => {
        let answered = false;
        const big = call("POST", e.url, { json: e.json }).then((r) => {
          answered = true;
          return r;
        });
        expect(await untilWorkerOrAnswer(() => answered)).toBe(true);
        const me = await call("GET", "/api/v1/me");
        expect(me.status).toBe(200);
        expect(answered).toBe(false);
        expect((await big).status).toBe(200);
      });
    }

    it("a long text gets the same matches in the worker as a short one here, and a glossary change reaches the worker", async () => {
      const text = "Russian forces struck Idlib; the Syrian Observatory for Human Rights counted the dead near Binnish.";
      const padded = text + " ".repeat(3_000);
      const recognize = async (body: string) => ((await (await call("POST", "/api/v1/glossary/recognize", { json: { lang: "en", text: body } })).json()) as { matches: { conceptId: string; start: number; end: number }[] }).matches;
      const short = await recognize(text);
      expect(short.length).toBeGreaterThan(0);
      expect(await recognize(padded)).toEqual(short);
      // A new approved term: the worker compiled the old version, and must see the new one.
      const now = new Date().toISOString();
      await insertTerm(t.db, newTermRow("term_worker_new", "idlib", "en", { text: "Binnish", type: "variant", pos: "properNoun", usage: "admitted" }, { by: "test", now, status: "approved" }));
      await bumpGlossaryVersion(t.db);
      const after = await recognize(padded);
      expect(after.filter((m) => m.conceptId === "idlib").map((m) => padded.slice(m.start, m.end))).toContain("Binnish");
      expect(after).toEqual(await recognize(text));
    });

    it("a long lookup and check in the worker answer as the request thread does for the same segment", async () => {
      const source = "In Moscow, Hayat Tahrir al-Sham (HTS) said 1,200 people fled Idlib.";
      const target = "Moskva'da HTS, 1.300 kişinin İdlib'den kaçtığını söyledi.";
      const pad = " ".repeat(3_000);
      const lookup = async (s: string, tg: string) => (await call("POST", "/api/v1/glossary/lookup", { json: { sourceLang: "en", targetLang: "tr", source: s, target: tg } })).json();
      expect(await lookup(source + pad, target + pad)).toEqual(await lookup(source, target));
      const check = async (s: string, tg: string) => ((await (await call("POST", "/api/v1/qa/check", { json: { sourceLang: "en", targetLang: "tr", source: s, target: tg } })).json()) as { issues: { check: string; message: string; start: number }[] }).issues;
      // Padding changes the spaces and the length ratio; the checks of the words must not change.
      const words = (issues: { check: string }[]) => issues.filter((i) => ["numbers", "glossary_missing", "glossary_forbidden", "glossary_dnt", "script_mismatch"].includes(i.check));
      const inline = words(await check(source, target));
      expect(inline.map((i) => i.check)).toEqual(expect.arrayContaining(["numbers", "glossary_forbidden"]));
      expect(words(await check(source + pad, target + pad))).toEqual(inline);
    });
  });
}
