import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, httpPut, httpSignIn, seed, startServer, type RunningServer, type TestDb } from "../helpers/server";

const SEGMENTS = ["s10", "s11", "s12"].map((k) => `seg_idlib-2020-02-28_${k}`);
const WRITERS = 50;
const ATTEMPTS = 8;
const KINDS: ("sqlite" | "postgres")[] = ["sqlite", ...(process.env.TEST_POSTGRES_URL ? (["postgres"] as const) : [])];

for (const kind of KINDS) {
  describe(`50 parallel writers on the same segments over HTTP (${kind})`, () => {
    let db: TestDb;
    let server: RunningServer;
    let cookies: string[];

    beforeAll(async () => {
      db = await createTestDb(kind);
      seed(db);
      server = await startServer(db);
      cookies = await Promise.all(["tr-translator", "tr-reviewer", "admin"].map((u) => httpSignIn(server.url, u)));
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it("records every 2xx write in history, answers every stale write with 409, loses nothing", async () => {
      const known = new Map<string, number>(SEGMENTS.map((s) => [s, 1]));
      const acked: { segment: string; version: number; base: number; text: string }[] = [];
      const stale: { segment: string; base: number; current: number }[] = [];
      const other: { status: number; body: unknown }[] = [];

      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const mine = new Map(known);
          for (let a = 0; a < ATTEMPTS; a++) {
            const segment = SEGMENTS[(w + a) % SEGMENTS.length]!;
            const base = mine.get(segment)!;
            const text = `Yazar ${w}, deneme ${a}.`;
            const r = await httpPut(server.url, cookies[w % cookies.length]!, segment, "tr", { text, status: "draft", baseVersion: base });
            if (r.status === 200) {
              acked.push({ segment, version: r.body.translation.version, base, text });
              mine.set(segment, r.body.translation.version);
            } else if (r.status === 409) {
              stale.push({ segment, base, current: r.body.error.details.current.version });
              mine.set(segment, r.body.error.details.current.version);
            } else other.push(r);
          }
        }),
      );

      expect(other).toEqual([]);
      expect(acked.length + stale.length).toBe(WRITERS * ATTEMPTS);
      expect(stale.length).toBeGreaterThan(0);
      // A stale write is one whose base was already superseded when it arrived.
      for (const s of stale) expect(s.current).toBeGreaterThan(s.base);

      for (const segment of SEGMENTS) {
        const r = await fetch(`${server.url}/api/v1/translations/${segment}/tr/revisions`, { headers: { cookie: cookies[0]! } });
        const { revisions } = (await r.json()) as { revisions: { version: number; text: string }[] };
        const mineAcked = acked.filter((a) => a.segment === segment).sort((a, b) => a.version - b.version);
        // Every accepted write was made on the version just before it, and is in history under its version.
        for (const a of mineAcked) {
          expect(a.version).toBe(a.base + 1);
          expect(revisions.find((v) => v.version === a.version)?.text).toBe(a.text);
        }
        expect(revisions.map((v) => v.version)).toEqual(Array.from({ length: revisions.length }, (_, i) => i + 1));
        expect(revisions.length).toBe(1 + mineAcked.length);
        const doc = await (await fetch(`${server.url}/api/v1/documents/idlib-2020-02-28/translations/tr`, { headers: { cookie: cookies[0]! } })).json();
        const current = doc.segments.find((s: { id: string }) => s.id === segment).translation;
        expect(current.text).toBe(mineAcked.at(-1)!.text);
      }
    }, 300_000);
  });
}
