/**
 * The dialects the data-layer suite runs against: SQLite always, PostgreSQL
 * when TEST_POSTGRES_URL is set (CI sets it; REQUIRE_POSTGRES=1 makes its
 * absence an error). Each PostgreSQL test file gets a fresh database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Kysely } from "kysely";
import { createDb, type DbConfig } from "@/lib/db/connection";
import { migrateToLatest } from "@/lib/db/migrate";
import type { Database } from "@/lib/db/schema";

export interface TestDatabase {
  readonly db: Kysely<Database>;
  readonly config: DbConfig;
  destroy(): Promise<void>;
}

export interface DialectCase {
  readonly name: "sqlite" | "postgres";
  readonly available: boolean;
  create(): Promise<TestDatabase>;
}

const pgUrl = process.env.TEST_POSTGRES_URL?.trim();
if (!pgUrl && process.env.REQUIRE_POSTGRES === "1") {
  throw new Error("REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set");
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-test-"));
  const config: DbConfig = { dialect: "sqlite", file: path.join(dir, "test.sqlite") };
  const db = createDb(config);
  await migrateToLatest(db);
  return {
    db,
    config,
    async destroy() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const name = `wb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  const config: DbConfig = { dialect: "postgres", url: url.toString() };
  const db = createDb(config);
  await migrateToLatest(db);
  return {
    db,
    config,
    async destroy() {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: pgUrl });
      await cleanup.connect();
      // Connections still closing (the pool's, a server's under test) go first; FORCE ends the stragglers.
      for (let i = 0; i < 40; i++) {
        const { rows } = await cleanup.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export const DIALECTS: readonly DialectCase[] = [
  { name: "sqlite", available: true, create: createSqlite },
  { name: "postgres", available: Boolean(pgUrl), create: createPostgres },
];
