/**
 * `npm run db:seed`: migrates, loads the stories in content/ (idempotent), and
 * on a database without users creates the demo accounts (DEMO_USERS=off skips them).
 */
import path from "node:path";
import { createDb, optimizeDatabase, resolveDbConfig } from "@/lib/db/connection";
import { migrateToLatest } from "@/lib/db/migrate";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedStories } from "@/features/stories/server/seed";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { createAuth } from "@/features/auth/server/auth";
import { getOrCreateSecret } from "@/features/auth/server/repository";
import { seedDemoUsers } from "@/features/auth/server/demo";
import { closeEventBus } from "@/features/workbench/server/events";
import { publishSeedEditions } from "@/features/editions/server/seed";

async function main() {
  const db = createDb(resolveDbConfig());
  try {
    await migrateToLatest(db);
    // Tests add their fixture stories through EXTRA_CONTENT_DIR.
    const extra = (process.env.EXTRA_CONTENT_DIR ?? "").split(path.delimiter).filter(Boolean).flatMap((dir) => loadStoryContent(path.resolve(dir)));
    const stories = [...loadStoryContent(), ...extra];
    const report = await seedStories(db, stories);
    console.log(
      `Seed: created ${report.documentsCreated} document(s), ${report.segmentsCreated} segment(s) and ${report.translationsCreated} translation(s); ` +
        `updated ${report.translationsUpdated}; kept ${report.translationsKept} edited in the app.`,
    );
    const glossary = await seedGlossary(db, loadGlossaryFiles());
    console.log(`Glossary: created ${glossary.concepts} concept(s) and ${glossary.terms} term(s).`);
    // After the glossary: completeness includes its quality checks.
    const editions = await publishSeedEditions(db, stories.map((s) => s.source.slug));
    console.log(`Editions: published ${editions} complete edition(s) of seeded stories.`);
    await optimizeDatabase(db, "after-import");
    if (process.env.DEMO_USERS?.toLowerCase() === "off") {
      console.log("Demo accounts: off (DEMO_USERS=off).");
    } else {
      const secret = process.env.BETTER_AUTH_SECRET || (await getOrCreateSecret(db, "auth"));
      const auth = createAuth(db, { secret, baseURL: process.env.PUBLIC_URL || "http://localhost:3000" });
      const made = await seedDemoUsers(auth, db);
      console.log(made ? `Demo accounts: created ${made} (see the README).` : "Demo accounts: not created (the database already has users).");
    }
  } finally {
    // Publishing announces on the event bus; on PostgreSQL its LISTEN connection would keep the process alive.
    await closeEventBus();
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
