import "server-only";
import { unstable_cache, revalidateTag } from "next/cache";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { LanguageCode } from "@/lib/i18n/languages";
import type { PageRequest } from "@/lib/db/keyset";
import { announceGlossaryChanged, getEventBus } from "@/features/workbench/server/events";
import { getReaderStory, listReaderStories } from "./service";

/** Tag of every cached reader page and datum of one story (its pages in every language and parallel view). */
export const readerStoryTag = (slug: string) => `reader:story:${slug}`;
/** Tag of every cached story list. */
export const READER_LIST_TAG = "reader:list";

/**
 * The story as published, cached in the server cache under the story's tag;
 * a page that reads it carries the tag too (Next collects it), so publishing
 * or unpublishing an edition drops both.
 */
export function getCachedReaderStory(db: Kysely<Database>, slug: string, langs: readonly LanguageCode[]) {
  return unstable_cache(() => getReaderStory(db, slug, langs), ["reader-story", slug, ...langs], { tags: [readerStoryTag(slug), "reader"] })();
}

/** One page of the story list, cached under the list tag. */
export function listCachedReaderStories(db: Kysely<Database>, lang: LanguageCode, request: PageRequest) {
  return unstable_cache(() => listReaderStories(db, lang, request), ["reader-list", lang, JSON.stringify(request)], { tags: [READER_LIST_TAG, "reader"] })();
}

interface PageCacheStore {
  revalidateTags(tags: readonly string[]): number;
}

/** This process's page cache (lib/cache/page-cache-handler.cjs), when Next serves with it. */
function pageCacheStore(): PageCacheStore | undefined {
  return (globalThis as Record<symbol, PageCacheStore | undefined>)[Symbol.for("wb.pageCache")];
}

/**
 * Drops this instance's cached reader pages of a story and the story lists
 * (the next request renders them again from the published snapshots). Inside
 * a request it also tells Next (revalidateTag, expiring at once).
 */
export function revalidateReaderStory(slug: string): void {
  const tags = [readerStoryTag(slug), READER_LIST_TAG];
  pageCacheStore()?.revalidateTags(tags);
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch {
      // Outside a request (the seed, a bus notification): the store above is all there is.
    }
  }
}

/**
 * Drops every cached reader page and datum of this instance: the pages mark
 * approved glossary terms with their tooltips, so a glossary change reaches
 * every story (the published texts themselves stay as they are).
 */
export function revalidateAllReaderPages(): void {
  pageCacheStore()?.revalidateTags(["reader"]);
  try {
    revalidateTag("reader", { expire: 0 });
  } catch {
    // Outside a request (a bus notification): the store above is all there is.
  }
}

/**
 * After a glossary change: drops this instance's cached reader pages at once
 * (the next request renders them again) and tells the other instances, which
 * hear it through the bus (on PostgreSQL this one hears it too, later).
 */
export async function revalidateReaderPagesAfterGlossaryChange(): Promise<void> {
  revalidateAllReaderPages();
  await announceGlossaryChanged();
}

/**
 * Subscribes this instance to edition and glossary changes announced by any
 * instance (the event bus: PostgreSQL LISTEN/NOTIFY across instances), so each
 * drops its own cached pages. Called once at server start (instrumentation.ts).
 */
export function revalidateReaderPagesOnEditionEvents(): () => void {
  const bus = getEventBus();
  const offEditions = bus.subscribeAll((event) => {
    if (event.type === "edition") revalidateReaderStory(event.slug);
  });
  const offGlossary = bus.subscribeGlossaryChanges(() => revalidateAllReaderPages());
  return () => {
    offEditions();
    offGlossary();
  };
}
