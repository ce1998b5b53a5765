import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { LocalizedNotFound, type NotFoundTexts } from "@/features/reader/components/LocalizedNotFound";

/** 404 of the cached reader pages (an unknown story), in the language of the URL. */
export default function NotFound() {
  const texts = Object.fromEntries(
    LANGUAGE_CODES.map((l) => [l, { title: getT(l, "errors")("notFound.title"), body: getT(l, "errors")("notFound.body"), allStories: getT(l, "reader")("allStories") }]),
  ) as Record<(typeof LANGUAGE_CODES)[number], NotFoundTexts>;
  return <LocalizedNotFound texts={texts} />;
}
