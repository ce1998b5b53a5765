import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { SEED_AUTHOR } from "@/features/stories/server/seed";
import { publishCompleteEditions } from "./service";

/**
 * Publishes the complete editions of seeded stories that have none yet (every
 * language with all segments approved), dated at the story's publication.
 * Idempotent; an edition that exists, published or unpublished, is left alone.
 */
export async function publishSeedEditions(db: Kysely<Database>, slugs: readonly string[]): Promise<number> {
  let count = 0;
  for (const slug of slugs) {
    const doc = await findDocumentBySlug(db, slug);
    if (!doc || doc.status !== "published") continue;
    count += (await publishCompleteEditions(db, { id: SEED_AUTHOR, label: "seed" }, slug, doc.published_at ?? undefined)).length;
  }
  return count;
}
