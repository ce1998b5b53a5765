/**
 * File imports run off the request thread (lib/worker importPool): while an
 * import is busy other requests are answered, a time budget overrun answers
 * 422 and stores nothing, and an import that fails part-way through its
 * writes stores nothing. The import is held at its write step by a write lock
 * the test takes on the database (a second connection), so the ordering is
 * decided by the test, not by timing.
 */
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";

type Json = Record<string, any>;
const NDJSON = { accept: "application/x-ndjson" };

/** A TMX file of `n` English–Turkish units, their texts marked with `tag`. */
function tmx(n: number, tag: string): string {
  const units = Array.from({ length: n }, (_, i) => `<tu><tuv xml:lang="en"><seg>The ${tag} sentence number ${i}.</seg></tuv><tuv xml:lang="tr"><seg>${tag} cümlesi ${i}.</seg></tuv></tu>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="test"/><body>${units.join("\n")}</body></tmx>\n`;
}

/** A workbench CSV of `n` concepts (ids `${tag}-0` …), each with an English and a Turkish term. */
function csv(n: number, tag: string): string {
  const rows = ["conceptId,lang,text"];
  for (let i = 0; i < n; i++) rows.push(`${tag}-${i},en,${tag} term ${i}`, `${tag}-${i},tr,${tag} terim ${i}`);
  return rows.join("\r\n") + "\r\n";
}

/** The lines of an NDJSON answer, one at a time. */
function lines(response: Response): () => Promise<Json | undefined> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return async () => {
    for (;;) {
      const nl = buffer.indexOf("\n");
      if (nl >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Json;
        buffer = buffer.slice(nl + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
  };
}

/** Reads lines until `want` matches one (returned) or the answer ends (undefined). */
async function until(next: () => Promise<Json | undefined>, want: (line: Json) => boolean, seen: Json[]): Promise<Json | undefined> {
  for (let line = await next(); line; line = await next()) {
    seen.push(line);
    if (want(line)) return line;
  }
  return undefined;
}

interface WriteLock {
  /** Runs a statement inside the lock's transaction (placeholders: ?). */
  run(sql: string, params: unknown[]): Promise<void>;
  release(commit?: boolean): Promise<void>;
}

/**
 * Takes the database's write lock from a second connection: SQLite's one
 * writer lock (BEGIN IMMEDIATE), or PostgreSQL's EXCLUSIVE lock on `table`
 * (reads go on, writes to it wait).
 */
async function writeLock(t: TestDatabase, table: string): Promise<WriteLock> {
  if (t.config.dialect === "sqlite") {
    const c = new Sqlite(t.config.file);
    c.exec("BEGIN IMMEDIATE");
    return {
      run: async (sql, params) => void c.prepare(sql).run(...params),
      release: async (commit = false) => {
        c.exec(commit ? "COMMIT" : "ROLLBACK");
        c.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: t.config.url });
  await c.connect();
  await c.query("BEGIN");
  await c.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
  return {
    run: async (sql, params) => {
      let n = 0;
      await c.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
    release: async (commit = false) => {
      await c.query(commit ? "COMMIT" : "ROLLBACK");
      await c.end();
    },
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`file imports off the request thread on ${dialect.name}`, () => {
    let t: TestDatabase;
    let admin: string;
    const count = async (table: "tm_units" | "concepts" | "terms") => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const me = async () => (await call("GET", "/api/v1/me", { cookie: admin })).status;

    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Admin", email: "admin@example.org", username: "admin", password: "imports-password", admin: true }, null);
      admin = (await signIn("admin", "imports-password")).cookie!;
      expect(await me()).toBe(200);
    });
    afterAll(async () => {
      await t?.destroy();
    });
    afterEach(() => {
      delete process.env.IMPORT_TIME_BUDGET_MS;
    });

    describe("POST /api/v1/tm/import", () => {
      it("answers other requests while the import is busy, then stores the whole file", async () => {
        const before = await count("tm_units");
        const lock = await writeLock(t, "tm_state");
        let released = false;
        try {
          const response = await call("POST", "/api/v1/tm/import?filename=busy.tmx", { cookie: admin, body: tmx(1500, "busy"), headers: { ...NDJSON, "content-type": "application/xml" } });
          expect(response.headers.get("content-type")).toContain("application/x-ndjson");
          const next = lines(response);
          const seen: Json[] = [];
          // The file is read and parsed; the import now waits for the write lock.
          const writing = await until(next, (l) => l.type === "progress" && l.phase === "write", seen);
          expect(writing).toMatchObject({ phase: "write", units: 1500 });
          expect(seen.some((l) => l.phase === "upload")).toBe(true);
          expect(seen.some((l) => l.phase === "parse")).toBe(true);
          // Meanwhile the server answers other clients, one after another.
          for (let i = 0; i < 5; i++) expect(await me()).toBe(200);
          expect(await count("tm_units")).toBe(before);
          await lock.release();
          released = true;
          const done = await until(next, (l) => l.type !== "progress", seen);
          expect(done).toMatchObject({ type: "done", summary: { units: 1500, added: { "en>tr": 1500 } } });
          expect(await count("tm_units")).toBe(before + 1500);
        } finally {
          if (!released) await lock.release();
        }
      });

      it("answers 422 time_budget_exceeded when the import runs past its budget, and stores nothing", async () => {
        const before = await count("tm_units");
        const lock = await writeLock(t, "tm_state");
        process.env.IMPORT_TIME_BUDGET_MS = "1500";
        let response: Response;
        try {
          // Held at its write step past its budget: the worker is ended mid-transaction.
          response = await call("POST", "/api/v1/tm/import?filename=slow.tmx", { cookie: admin, body: tmx(300, "slow"), headers: { "content-type": "application/xml" } });
        } finally {
          await lock.release();
        }
        expect(response.status).toBe(422);
        expect((await response.json()).error).toMatchObject({ code: "time_budget_exceeded", details: { budgetMs: 1500 } });
        delete process.env.IMPORT_TIME_BUDGET_MS;
        // Nothing of it was stored, and the database is free for the next import.
        const again = await call("POST", "/api/v1/tm/import?filename=after.tmx", { cookie: admin, body: tmx(10, "after"), headers: { "content-type": "application/xml" } });
        expect(again.status).toBe(200);
        expect((await again.json()).summary).toMatchObject({ added: { "en>tr": 10 } });
        expect(await count("tm_units")).toBe(before + 10);
      });

      it("streams an error line for a malformed file, and stores nothing", async () => {
        const before = await count("tm_units");
        const response = await call("POST", "/api/v1/tm/import?filename=cut.tmx", { cookie: admin, body: tmx(50, "cut").slice(0, 2000), headers: { ...NDJSON, "content-type": "application/xml" } });
        const seen: Json[] = [];
        const end = await until(lines(response), (l) => l.type !== "progress", seen);
        expect(end).toMatchObject({ type: "error", status: 400, error: { code: "validation_failed" } });
        expect(await count("tm_units")).toBe(before);
      });
    });

    describe("POST /api/v1/glossary/import", () => {
      it("answers other requests while the import is busy, with progress lines, then stores the whole file", async () => {
        const before = await count("concepts");
        const lock = await writeLock(t, "glossary_state");
        let released = false;
        try {
          const response = await call("POST", "/api/v1/glossary/import?format=csv&filename=busy.csv", { cookie: admin, body: csv(400, "busy"), headers: { ...NDJSON, "content-type": "text/csv" } });
          expect(response.headers.get("content-type")).toContain("application/x-ndjson");
          const next = lines(response);
          const seen: Json[] = [];
          const writing = await until(next, (l) => l.type === "progress" && l.phase === "write", seen);
          expect(writing).toMatchObject({ phase: "write", units: 400 });
          for (let i = 0; i < 5; i++) expect(await me()).toBe(200);
          expect(await count("concepts")).toBe(before);
          await lock.release();
          released = true;
          const done = await until(next, (l) => l.type !== "progress", seen);
          expect(done).toMatchObject({ type: "done", conceptsCreated: 400, termsAdded: 800, fileName: "busy.csv" });
          expect(await count("concepts")).toBe(before + 400);
        } finally {
          if (!released) await lock.release();
        }
      });

      it("stores nothing when a write fails part-way (a concept created meanwhile): 409, none of the file's 500 concepts", async () => {
        const [concepts, terms] = [await count("concepts"), await count("terms")];
        const lock = await writeLock(t, "glossary_state");
        let released = false;
        try {
          const response = await call("POST", "/api/v1/glossary/import?format=csv&filename=race.csv", { cookie: admin, body: csv(500, "race"), headers: { ...NDJSON, "content-type": "text/csv" } });
          const next = lines(response);
          const seen: Json[] = [];
          expect(await until(next, (l) => l.phase === "write", seen)).toBeTruthy();
          // Planned without it; created before the import writes: its third batch of concepts meets it.
          const now = new Date().toISOString();
          await lock.run("insert into concepts (id, subject, definition, note, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)", ["race-450", "general", "", null, null, now, now]);
          await lock.release(true);
          released = true;
          const end = await until(next, (l) => l.type !== "progress", seen);
          expect(end).toMatchObject({ type: "error", status: 409, error: { code: "version_conflict" } });
        } finally {
          if (!released) await lock.release();
        }
        expect(await count("concepts")).toBe(concepts + 1);
        expect(await count("terms")).toBe(terms);
      });

      it("answers a file with problems 422 with every problem, in the stream as without it", async () => {
        const bad = "conceptId,lang,text\r\nbad-1,en,\r\nbad-2,xx,word\r\n";
        const plain = await call("POST", "/api/v1/glossary/import?format=csv", { cookie: admin, body: bad, headers: { "content-type": "text/csv" } });
        expect(plain.status).toBe(422);
        const body = await plain.json();
        expect(body.error.details.problems.length).toBeGreaterThan(0);
        const streamed = await call("POST", "/api/v1/glossary/import?format=csv", { cookie: admin, body: bad, headers: { ...NDJSON, "content-type": "text/csv" } });
        const end = await until(lines(streamed), (l) => l.type !== "progress", []);
        expect(end).toMatchObject({ type: "error", status: 422, error: { code: "validation_failed", details: { problems: body.error.details.problems } } });
      });
    });
  });
}
