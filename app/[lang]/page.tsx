import type { Metadata } from "next";
import { StoryListView, storyListMetadata } from "@/features/reader/components/StoryListView";

export async function generateMetadata({ params }: PageProps<"/[lang]">): Promise<Metadata> {
  return storyListMetadata((await params).lang);
}

/** The story list for a signed-in reader, rendered per request (anonymous readers get app/(cached)/[lang]/reader-cache/list, see proxy.ts). */
export default async function StoriesPage({ params, searchParams }: PageProps<"/[lang]">) {
  return <StoryListView lang={(await params).lang} query={await searchParams} />;
}
