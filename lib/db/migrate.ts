/**
 * Versioned migrations, applied at server start and by `npm run db:migrate`.
 * The list is explicit (not read from disk) so the bundled server has it too;
 * names sort by their timestamp prefix.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from "kysely";
import type { Database } from "./schema";
import * as initial from "./migrations/2026-11-25T2330-initial";
import * as auth from "./migrations/2026-11-26T0000-auth";
import * as comments from "./migrations/2026-11-26T0100-comments";
import * as glossary from "./migrations/2026-11-26T0200-glossary";
import * as tmQa from "./migrations/2026-11-26T0300-tm-qa";
import * as sourceUpdates from "./migrations/2026-11-26T0400-source-updates";
import * as listIndexes from "./migrations/2026-12-06T0300-list-indexes";
import * as editions from "./migrations/2026-12-06T0500-editions";
import * as termCommonWord from "./migrations/2026-12-06T0700-term-common-word";
import * as termPlainVowels from "./migrations/2026-12-06T0701-term-plain-vowels";
import * as tmSyncCursor from "./migrations/2026-12-06T0800-tm-sync-cursor";
import * as tmSentences from "./migrations/2026-12-06T0801-tm-sentences";
import * as machineTranslation from "./migrations/2026-12-06T0900-machine-translation";
import * as listPages from "./migrations/2026-12-07T0300-list-pages";
import * as documentProgress from "./migrations/2026-12-08T1700-document-progress";

const MIGRATIONS: Record<string, Migration> = {
  "2026-11-25T2330-initial": initial,
  "2026-11-26T0000-auth": auth,
  "2026-11-26T0100-comments": comments,
  "2026-11-26T0200-glossary": glossary,
  "2026-11-26T0300-tm-qa": tmQa,
  "2026-11-26T0400-source-updates": sourceUpdates,
  "2026-12-06T0300-list-indexes": listIndexes,
  "2026-12-06T0500-editions": editions,
  "2026-12-06T0700-term-common-word": termCommonWord,
  "2026-12-06T0701-term-plain-vowels": termPlainVowels,
  "2026-12-06T0800-tm-sync-cursor": tmSyncCursor,
  "2026-12-06T0801-tm-sentences": tmSentences,
  "2026-12-06T0900-machine-translation": machineTranslation,
  "2026-12-07T0300-list-pages": listPages,
  "2026-12-08T1700-document-progress": documentProgress,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
    // Migrations written side by side land in any order; each is independent of the others of its day.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
