/**
 * Creates the Kysely instance for either dialect. Shared by the app, the
 * scripts (migrate, seed) and the tests; the app goes through `lib/db/index.ts`.
 */
import path from "node:path";
import fs from "node:fs";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import SQLite from "better-sqlite3";
import pg from "pg";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "postgres";

export type DbConfig =
  | { readonly dialect: "sqlite"; readonly file: string }
  | { readonly dialect: "postgres"; readonly url: string };

export const DEFAULT_SQLITE_FILE = "data/workbench.sqlite";

/**
 * Reads the database choice from the environment: PostgreSQL when
 * DATABASE_URL is a postgres:// URL, otherwise SQLite at SQLITE_PATH
 * (or a file: URL in DATABASE_URL), defaulting to ./data/workbench.sqlite.
 */
export function resolveDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: "postgres", url };
    if (/^(file|sqlite):/i.test(url)) return { dialect: "sqlite", file: url.replace(/^(file|sqlite):(\/\/)?/i, "") };
    throw new Error(`DATABASE_URL must be a postgres:// or file: URL, got "${url.split(":")[0]}:…"`);
  }
  return { dialect: "sqlite", file: env.SQLITE_PATH?.trim() || DEFAULT_SQLITE_FILE };
}

// On globalThis: the framework may load this module once per route bundle, and the instance made
// by one copy (lib/db getDb) must be known to the others.
const configs: WeakMap<Kysely<any>, DbConfig> = ((globalThis as unknown as Record<symbol, WeakMap<Kysely<any>, DbConfig> | undefined>)[Symbol.for("workbench.dbConfigs")] ??= new WeakMap());

/**
 * The configuration a Kysely instance was opened with (by createDb), so that
 * a worker thread can open its own connection to the same database (SQLite in
 * WAL mode takes a second connection; PostgreSQL a second pool).
 */
export function configOf(db: Kysely<any>): DbConfig | undefined {
  return configs.get(db);
}

/** Opens a connection pool for the given configuration. */
export function createDb(config: DbConfig, options: { poolSize?: number } = {}): Kysely<Database> {
  const db = openDb(config, options);
  configs.set(db, config);
  return db;
}

function openDb(config: DbConfig, options: { poolSize?: number }): Kysely<Database> {
  if (config.dialect === "postgres") {
    // int8 (counts, sums) arrive as strings by default; our counts fit in a double.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? Number(process.env.PG_POOL_MAX ?? 10) });
    // An idle connection can be closed by the server (restart, failover, a dropped database):
    // the pool discards it and opens another on the next query; without a listener the
    // error would end the process.
    pool.on("error", (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = config.file === ":memory:" ? config.file : path.resolve(config.file);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL in WAL mode keeps every committed transaction across a process crash.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Which dialect a Kysely instance speaks. */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres") ? "postgres" : "sqlite";
}

/**
 * Refreshes the query planner's statistics so single-document queries keep the
 * per-document indexes as the tables grow. SQLite: `PRAGMA optimize` (analyses
 * only tables whose statistics are missing or stale, with a sampling limit, so it is
 * cheap at start); PostgreSQL: `ANALYZE` after a large import (autovacuum does it otherwise).
 */
export async function optimizeDatabase(db: Kysely<any>, when: "start" | "after-import"): Promise<void> {
  if (dialectOf(db) === "sqlite") {
    await sql`PRAGMA analysis_limit = 1000`.execute(db);
    await sql`PRAGMA optimize = 0x10002`.execute(db);
  } else if (when === "after-import") {
    await sql`ANALYZE`.execute(db);
  }
}
