import "server-only";
import type { Kysely } from "kysely";
import { createDb, optimizeDatabase, resolveDbConfig } from "./connection";
import { migrateToLatest } from "./migrate";
import type { Database } from "./schema";

// One pool per server process; kept on globalThis so dev-mode reloads reuse it.
const state = globalThis as unknown as { __wbDb?: Kysely<Database>; __wbDbReady?: Promise<Kysely<Database>> };

/** The app's database, migrated to the latest version before first use. */
export function getDb(): Promise<Kysely<Database>> {
  if (!state.__wbDbReady) {
    const db = (state.__wbDb ??= createDb(resolveDbConfig()));
    state.__wbDbReady = migrateToLatest(db)
      .then(() => optimizeDatabase(db, "start"))
      .then(() => db);
    state.__wbDbReady.catch(() => {
      state.__wbDbReady = undefined;
    });
  }
  return state.__wbDbReady;
}

export type { Database } from "./schema";
