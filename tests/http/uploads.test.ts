/**
 * Uploads over real HTTP against the production build: every body is read
 * whole or refused whole (413 over the endpoint's limit, 400 when it ends
 * short of its Content-Length), never parsed truncated; large imports go
 * through in one request.
 */
import net from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, httpSignIn, seed, startServer, type RunningServer, type TestDb } from "../helpers/server";

const KINDS: ("sqlite" | "postgres")[] = ["sqlite", ...(process.env.TEST_POSTGRES_URL ? (["postgres"] as const) : [])];
const MB = 1024 * 1024;

async function count(db: TestDb, table: "concepts" | "terms" | "tm_units"): Promise<number> {
  if (db.kind === "sqlite") {
    const conn = new Database(db.file!, { readonly: true });
    try {
      return (conn.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      conn.close();
    }
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return Number((await c.query(`select count(*) as n from ${table}`)).rows[0].n);
  } finally {
    await c.end();
  }
}

interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/**
 * Sends a request over a plain socket, exactly as written (a Content-Length
 * that lies, a chunked body), then half-closes when `end` is set, and reads
 * the answer until the server closes the connection.
 */
function rawRequest(base: string, head: string, parts: (Uint8Array | string)[], options: { end: boolean }): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
    const received: Buffer[] = [];
    let settled = false;
    /** The answer once it is complete (by Content-Length or the last chunk), else undefined. */
    const parse = (closed: boolean): RawAnswer | undefined => {
      const raw = Buffer.concat(received);
      const at = raw.indexOf("\r\n\r\n");
      if (at < 0) return closed ? { status: 0, headers: raw.toString("latin1"), body: "" } : undefined;
      const headers = raw.subarray(0, at).toString("latin1");
      let body = raw.subarray(at + 4);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0);
      if (/transfer-encoding: chunked/i.test(headers)) {
        const out: Buffer[] = [];
        for (let i = 0; ; ) {
          const eol = body.indexOf("\r\n", i);
          if (eol < 0) return closed ? { status, headers, body: Buffer.concat(out).toString("utf8") } : undefined;
          const size = parseInt(body.subarray(i, eol).toString("latin1"), 16);
          if (!size) break;
          if (body.length < eol + 2 + size) return closed ? { status, headers, body: Buffer.concat(out).toString("utf8") } : undefined;
          out.push(body.subarray(eol + 2, eol + 2 + size));
          i = eol + 2 + size + 2;
        }
        body = Buffer.concat(out);
      } else {
        const length = /content-length: (\d+)/i.exec(headers);
        if (length && body.length < Number(length[1]) && !closed) return undefined;
        if (!length && !closed) return undefined;
      }
      return { status, headers, body: body.toString("utf8") };
    };
    const settle = (closed: boolean) => {
      if (settled) return;
      const answer = parse(closed);
      if (!answer) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    let size = 0;
    socket.on("data", (d) => {
      received.push(d);
      size += d.byteLength;
      // Parsing is linear in what arrived, so it waits for a likely end: the last chunk, or the announced length.
      const head = received[0]!.subarray(0, 4096).toString("latin1");
      const length = /content-length: (\d+)/i.exec(head);
      const tail = d.subarray(-5).toString("latin1");
      if (tail === "0\r\n\r\n" || (length && size >= Number(length[1]) + head.indexOf("\r\n\r\n") + 4) || head.indexOf("\r\n\r\n") < 0) settle(false);
    });
    socket.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" || (e as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(e)));
    socket.on("close", () => settle(true));
    socket.on("connect", async () => {
      socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
      for (const p of parts) if (!socket.write(p)) await new Promise((r) => socket.once("drain", r));
      if (options.end) socket.end();
    });
  });
}

const requestHead = (method: string, path: string, headers: Record<string, string>) =>
  [`${method} ${path} HTTP/1.1`, ...Object.entries({ host: "localhost", connection: "close", ...headers }).map(([k, v]) => `${k}: ${v}`), ""].join("\n");

/** A TICO-19 term list (one concept per row, English and Turkish), `rows` rows, about `rows * 110` bytes. */
function glossaryCsv(rows: number): string {
  const lines = ["id,sourceLang,targetLang,sourceString,targetString"];
  for (let i = 1; i <= rows; i++) lines.push(`${i},en,tr,upload test term number ${i} for the newsroom desk glossary,yükleme deneme terimi ${i} haber masası sözlüğü`);
  return lines.join("\r\n") + "\r\n";
}

/** A TMX 1.4b file of `units` English–Turkish units. */
function tmx(units: number): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/><body>'];
  for (let i = 0; i < units; i++) out.push(`<tu><tuv xml:lang="en"><seg>Upload test sentence ${i} about the council meeting.</seg></tuv><tuv xml:lang="tr"><seg>Meclis toplantısı hakkında yükleme deneme cümlesi ${i}.</seg></tuv></tu>\n`);
  out.push("</body></tmx>\n");
  return out.join("");
}

for (const kind of KINDS) {
  describe(`uploads over HTTP (${kind})`, () => {
    let db: TestDb;
    let server: RunningServer;
    let cookie: string;

    beforeAll(async () => {
      db = await createTestDb(kind);
      seed(db);
      server = await startServer(db);
      cookie = await httpSignIn(server.url, "admin");
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it("refuses a body announced over the endpoint's limit with 413 before reading it", async () => {
      const cases = [
        ["/api/v1/glossary/import?format=csv", 20 * MB + 1],
        ["/api/v1/tm/import", 200 * MB + 1],
        ["/api/v1/documents/idlib-2020-02-28/xliff?lang=tr", 10 * MB + 1],
      ] as const;
      for (const [path, length] of cases) {
        // Only the head is sent: the answer comes from the Content-Length alone.
        const r = await rawRequest(server.url, requestHead("POST", path, { cookie, "content-type": "application/octet-stream", "content-length": String(length) }), [], { end: false });
        expect(r.status, path).toBe(413);
        expect(JSON.parse(r.body).error.code).toBe("payload_too_large");
      }
    }, 120_000);

    it("refuses a chunked body with 413 once it passes the limit, and imports none of it", async () => {
      const before = await count(db, "concepts");
      const chunk = Buffer.from(glossaryCsv(20_000));
      const head = requestHead("POST", "/api/v1/glossary/import?format=csv", { cookie, "content-type": "text/csv", "transfer-encoding": "chunked" });
      const parts: Buffer[] = [];
      for (let sent = 0; sent <= 21 * MB; sent += chunk.byteLength) parts.push(Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from("\r\n"));
      parts.push(Buffer.from("0\r\n\r\n"));
      const r = await rawRequest(server.url, head, parts, { end: false });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.code).toBe("payload_too_large");
      expect(await count(db, "concepts")).toBe(before);
    }, 120_000);

    it("answers 400 to an upload that ends before its Content-Length, and parses none of it", async () => {
      const concepts = await count(db, "concepts");
      const units = await count(db, "tm_units");
      const csv = Buffer.from(glossaryCsv(2_000));
      const g = await rawRequest(server.url, requestHead("POST", "/api/v1/glossary/import?format=csv", { cookie, "content-type": "text/csv", "content-length": String(csv.byteLength + 1000) }), [csv], { end: true });
      expect(g.status).toBe(400);
      const file = Buffer.from(tmx(2_000));
      const cut = file.subarray(0, file.lastIndexOf("<tu>"));
      const t = await rawRequest(server.url, requestHead("POST", "/api/v1/tm/import", { cookie, "content-type": "application/x-tmx+xml", "content-length": String(file.byteLength) }), [cut], { end: true });
      expect(t.status).toBe(400);
      expect(await count(db, "concepts")).toBe(concepts);
      expect(await count(db, "tm_units")).toBe(units);
    }, 120_000);

    it("imports a 12 MB glossary CSV whole: one concept per row", async () => {
      const rows = 110_324;
      const csv = glossaryCsv(rows);
      expect(Buffer.byteLength(csv)).toBeGreaterThan(12 * MB);
      const before = await count(db, "concepts");
      const upload = (query: string) => rawRequest(server.url, requestHead("POST", `/api/v1/glossary/import?format=csv&filename=big.csv${query}`, { cookie, "content-type": "text/csv", "content-length": String(Buffer.byteLength(csv)) }), [csv], { end: false });
      const dry = await upload("&dryRun=1");
      expect(dry.status).toBe(200);
      expect(JSON.parse(dry.body).conceptsCreated).toBe(rows);
      expect(await count(db, "concepts")).toBe(before);
      const r = await upload("");
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).conceptsCreated).toBe(rows);
      expect(await count(db, "concepts")).toBe(before + rows);
    }, 600_000);

    it("imports a 100,000-unit TMX in one request, reporting progress as it reads", async () => {
      const units = 100_000;
      const file = tmx(units);
      const before = await count(db, "tm_units");
      const r = await rawRequest(server.url, requestHead("POST", "/api/v1/tm/import?filename=big.tmx", { cookie, "content-type": "application/x-tmx+xml", accept: "application/x-ndjson", "content-length": String(Buffer.byteLength(file)) }), [file], { end: false });
      expect(r.status).toBe(200);
      const lines = r.body
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { type: string; bytes?: number; summary?: { units: number; added: Record<string, number> } });
      expect(lines.filter((l) => l.type === "progress").length).toBeGreaterThan(1);
      const done = lines.at(-1)!;
      expect(done.type).toBe("done");
      expect(done.summary).toMatchObject({ units, added: { "en>tr": units } });
      expect(await count(db, "tm_units")).toBe(before + units);
    }, 600_000);
  });
}
