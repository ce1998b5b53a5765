/**
 * A real app server for HTTP tests: the production build in .next-test, a
 * fresh database (SQLite file or PostgreSQL database), the seed with demo
 * accounts, and `next start` as a child process the test may SIGKILL.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild, nextStartArgs } from "../../scripts/start.mjs";
import { freePort } from "./free-port.mjs";

export const DIST_DIR = ".next-test";
export const DEMO_PASSWORD = "newsroom-demo";

export interface TestDb {
  readonly env: Record<string, string>;
  readonly kind: "sqlite" | "postgres";
  readonly file?: string;
  readonly url?: string;
  drop(): Promise<void>;
}

export async function createTestDb(kind: "sqlite" | "postgres"): Promise<TestDb> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-http-"));
    const file = path.join(dir, "db.sqlite");
    return { kind, file, env: { SQLITE_PATH: file }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_POSTGRES_URL!;
  const name = `wb_http_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    kind,
    url: u.toString(),
    env: { DATABASE_URL: u.toString() },
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** Migrates and seeds (stories and demo accounts). */
export function seed(db: TestDb): void {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], { env: { ...process.env, ...db.env }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
}

export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the app on a port the operating system reports free (never a guessed
 * one); should another process take it first, tries again on another.
 */
export async function startServer(db: TestDb, env: Record<string, string> = {}): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOn(await freePort(), db, env);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startServerOn(port: number, db: TestDb, env: Record<string, string>): Promise<RunningServer> {
  ensureBuild(DIST_DIR);
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, nextStartArgs(port), {
    env: { ...process.env, ...db.env, NEXT_DIST_DIR: DIST_DIR, PUBLIC_URL: url, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw log.includes("EADDRINUSE") ? new PortTakenError(log) : new Error(`server exited:\n${log}`);
    try {
      // The body is read: an unread response stays in flight and holds the server's stop for its grace period.
      const probe = await fetch(`${url}/api/v1/me`);
      await probe.arrayBuffer();
      if (probe.ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 600) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Signs in over HTTP; returns the Cookie header value. */
export async function httpSignIn(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`sign-in ${username}: ${r.status} ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

export async function httpPut(url: string, cookie: string, segmentId: string, lang: string, body: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${url}/api/v1/translations/${segmentId}/${lang}`, { method: "PUT", headers: { "content-type": "application/json", origin: url, cookie }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}
