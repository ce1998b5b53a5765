/**
 * A job's own database connection (lib/worker jobs run in worker threads,
 * which cannot share the request thread's connection): opened from the
 * configuration the app's instance was created with (lib/db/connection
 * configOf), used for one job and closed after it. SQLite in WAL mode lets
 * the request thread keep reading while the job writes; PostgreSQL gets a
 * small pool of its own.
 */
import type { Kysely } from "kysely";
import { configOf, createDb, type DbConfig } from "@/lib/db/connection";
import type { Database } from "@/lib/db/schema";
import { ApiError } from "@/lib/api/errors";

/** Runs `fn` with a connection to the database `config` names, closed afterwards. */
export async function withJobDb<T>(config: DbConfig, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = createDb(config, { poolSize: 2 });
  try {
    return await fn(db);
  } catch (e) {
    throw busyAsApiError(e);
  } finally {
    await db.destroy();
  }
}

/** SQLite's "database is locked" (another writer held the database past busy_timeout) as a 503 the client can retry. */
function busyAsApiError(e: unknown): unknown {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) {
    return new ApiError("server_busy", "The database was busy with other writes; nothing was imported. Try again shortly.", undefined, { "Retry-After": "5" });
  }
  return e;
}

/** The configuration a job needs to open its own connection to `db` (the request thread's). */
export function jobDbConfig(db: Kysely<Database>): DbConfig {
  const config = configOf(db);
  if (!config) throw new Error("This database was not opened by createDb: a worker cannot connect to it.");
  return config;
}
