import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, httpPut, httpSignIn, seed, startServer, type RunningServer, type TestDb } from "../helpers/server";

const SEGMENTS = Array.from({ length: 8 }, (_, i) => `seg_idlib-2020-02-28_s${String(i + 3).padStart(2, "0")}`);
const KINDS: ("sqlite" | "postgres")[] = ["sqlite", ...(process.env.TEST_POSTGRES_URL ? (["postgres"] as const) : [])];

async function revisionsIn(db: TestDb): Promise<{ segment_id: string; version: number; text: string }[]> {
  if (db.kind === "sqlite") {
    const conn = new Database(db.file!, { readonly: true });
    try {
      expect(conn.pragma("integrity_check", { simple: true })).toBe("ok");
      return conn.prepare("select segment_id, version, text from translation_revisions where lang = 'ru'").all() as never;
    } finally {
      conn.close();
    }
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query("select segment_id, version, text from translation_revisions where lang = 'ru'")).rows;
  } finally {
    await c.end();
  }
}

for (const kind of KINDS) {
  describe(`SIGKILL during a write storm (${kind})`, () => {
    let db: TestDb;
    let server: RunningServer;
    beforeAll(async () => {
      db = await createTestDb(kind);
      seed(db);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it("keeps the database intact and every acknowledged write", async () => {
      server = await startServer(db);
      const cookie = await httpSignIn(server.url, "ru-translator");
      const acked: { segment: string; version: number; text: string }[] = [];
      let killed = false;
      const writer = async (w: number) => {
        const segment = SEGMENTS[w]!;
        let base = 1;
        for (let i = 0; !killed; i++) {
          const text = `Запись ${w}-${i}: ${"текст ".repeat(20)}`;
          try {
            const r = await httpPut(server.url, cookie, segment, "ru", { text, status: "draft", baseVersion: base });
            if (r.status === 200) {
              acked.push({ segment, version: r.body.translation.version, text });
              base = r.body.translation.version;
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const storm = Promise.all(SEGMENTS.map((_, w) => writer(w)));
      while (acked.length < 120) await new Promise((r) => setTimeout(r, 20));
      await server.stop("SIGKILL");
      killed = true;
      await storm;

      const rows = await revisionsIn(db);
      const stored = new Map(rows.map((r) => [`${r.segment_id}@${r.version}`, r.text]));
      for (const a of acked) expect(stored.get(`${a.segment}@${a.version}`), `${a.segment} v${a.version}`).toBe(a.text);

      // The server comes back on the same database and goes on from the last version.
      server = await startServer(db);
      const again = await httpSignIn(server.url, "ru-translator");
      const last = Math.max(...acked.filter((a) => a.segment === SEGMENTS[0]).map((a) => a.version));
      const r = await httpPut(server.url, again, SEGMENTS[0]!, "ru", { text: "После перезапуска.", status: "draft", baseVersion: rows.filter((x) => x.segment_id === SEGMENTS[0]).reduce((m, x) => Math.max(m, x.version), last) });
      expect(r.status).toBe(200);
    }, 300_000);
  });
}
