/** `npm run db:seed`: migrates, then loads the stories in content/ (idempotent). */
import path from "node:path";
import { createDb, resolveDbConfig } from "@/lib/db/connection";
import { migrateToLatest } from "@/lib/db/migrate";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedStories } from "@/features/stories/server/seed";

async function main() {
  const db = createDb(resolveDbConfig());
  try {
    await migrateToLatest(db);
    // Tests add their fixture stories through EXTRA_CONTENT_DIR.
    const extra = process.env.EXTRA_CONTENT_DIR ? loadStoryContent(path.resolve(process.env.EXTRA_CONTENT_DIR)) : [];
    const report = await seedStories(db, [...loadStoryContent(), ...extra]);
    console.log(
      `Seed: created ${report.documentsCreated} document(s), ${report.segmentsCreated} segment(s) and ${report.translationsCreated} translation(s); ` +
        `updated ${report.translationsUpdated}; kept ${report.translationsKept} edited in the app.`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
