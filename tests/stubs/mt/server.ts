/**
 * A tiny HTTP stand-in for a machine-translation provider: listens on an
 * OS-assigned port, records every request (method, path, query, headers,
 * parsed body) and answers through the provider module's handler. Tests
 * queue failures (`failNext`) to see how the app handles each documented error.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly raw: string;
  readonly body: any;
}

export interface StubAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Milliseconds before answering (timeouts, slow engines). */
  readonly delayMs?: number;
}

export type StubHandler = (req: RecordedRequest, stub: Stub) => StubAnswer;

export interface Stub {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers the next matching requests with these, in order, before the handler runs again. */
  failNext(...answers: StubAnswer[]): void;
  /** Shared state of the provider (e.g. created glossaries). */
  readonly state: Map<string, unknown>;
  close(): Promise<void>;
}

export interface StubOptions {
  /** Milliseconds before every answer (a slow engine: the end-to-end tests watch a pre-translation's progress and cancel it). */
  readonly delayMs?: number;
}

export async function startStub(handler: StubHandler, options: StubOptions = {}): Promise<Stub> {
  const queued: StubAnswer[] = [];
  const requests: RecordedRequest[] = [];
  const state = new Map<string, unknown>();
  const sockets = new Set<import("node:net").Socket>();
  let stub!: Stub;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://stub");
      let body: unknown = undefined;
      const type = String(req.headers["content-type"] ?? "");
      if (type.includes("json") && raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = undefined;
        }
      } else if (type.includes("x-www-form-urlencoded")) body = Object.fromEntries(new URLSearchParams(raw));
      const recorded: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, raw, body };
      requests.push(recorded);
      const answer = queued.shift() ?? handler(recorded, stub);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
      };
      const delay = answer.delayMs ?? options.delayMs;
      if (delay) setTimeout(send, delay);
      else send();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  stub = {
    url: `http://127.0.0.1:${port}`,
    requests,
    state,
    failNext: (...answers) => queued.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return stub;
}

/** The stand-ins' "translation": the text with glossary pairs applied, tagged with the target language. */
export function fakeTranslate(text: string, target: string, pairs: readonly [string, string][] = []): string {
  let out = text;
  for (const [source, translated] of [...pairs].sort((a, b) => b[0].length - a[0].length)) out = out.split(source).join(translated);
  return `[${target}] ${out}`;
}
