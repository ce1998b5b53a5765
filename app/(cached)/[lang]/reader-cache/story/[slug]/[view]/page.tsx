import type { Metadata } from "next";
import { ANONYMOUS } from "@/features/auth/permissions";
import { parseCompare } from "@/features/reader/reader";
import { StoryView, storyMetadata } from "@/features/reader/components/StoryView";

type Props = PageProps<"/[lang]/reader-cache/story/[slug]/[view]">;

// Rendered on the first request and kept until an edition of the story changes (features/reader/server/cache.ts);
// the hour is a backstop for glossary changes, which do not announce themselves.
export const revalidate = 3600;
export const dynamic = "force-static";
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, slug } = await params;
  return storyMetadata(lang, slug);
}

/** A story (`view`: "-", or the parallel view's languages joined by dots) for anonymous readers (proxy.ts rewrites `/{lang}/stories/{slug}` here). */
export default async function CachedStoryPage({ params }: Props) {
  const { lang, slug, view } = await params;
  return <StoryView lang={lang} slug={slug} requested={view === "-" ? [] : parseCompare(view.split("."))} principal={ANONYMOUS} />;
}
