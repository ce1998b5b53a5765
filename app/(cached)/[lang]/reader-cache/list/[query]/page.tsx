import type { Metadata } from "next";
import { StoryListView, storyListMetadata } from "@/features/reader/components/StoryListView";
import { listQueryOf } from "@/features/reader/reader";

type Props = PageProps<"/[lang]/reader-cache/list/[query]">;

// Rendered on the first request and kept until an edition changes (features/reader/server/cache.ts);
// the hour is a backstop for glossary changes, which do not announce themselves.
export const revalidate = 3600;
export const dynamic = "force-static";
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return storyListMetadata((await params).lang);
}

/** The story list for anonymous readers (proxy.ts rewrites `/{lang}` here). */
export default async function CachedStoriesPage({ params }: Props) {
  const { lang, query } = await params;
  return <StoryListView lang={lang} query={listQueryOf(query)} />;
}
