/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { createDb, resolveDbConfig } from "@/lib/db/connection";
import { migrateToLatest } from "@/lib/db/migrate";

async function main() {
  const config = resolveDbConfig();
  const db = createDb(config);
  try {
    const result = await migrateToLatest(db);
    const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
    const where = config.dialect === "postgres" ? "PostgreSQL" : `SQLite (${config.file})`;
    console.log(applied.length ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}` : `${where} is up to date.`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
