import type { Metadata } from "next";
import { parseCompare } from "@/features/reader/reader";
import { StoryView, storyMetadata } from "@/features/reader/components/StoryView";
import { headers } from "next/headers";
import { getPrincipal } from "@/features/auth/server/principal";

type Props = PageProps<"/[lang]/stories/[slug]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, slug } = await params;
  return storyMetadata(lang, slug);
}

/** A story for a signed-in reader, rendered per request (anonymous readers get app/(cached)/[lang]/reader-cache/story, see proxy.ts). */
export default async function StoryPage({ params, searchParams }: Props) {
  const { lang, slug } = await params;
  const requested = parseCompare((await searchParams).compare);
  return <StoryView lang={lang} slug={slug} requested={requested} principal={await getPrincipal(await headers())} />;
}
