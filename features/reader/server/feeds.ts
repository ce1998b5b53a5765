import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { LANGUAGES, getLanguage, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { escapeXmlAttribute, escapeXmlText, xmlElement } from "@/lib/xml/write";
import { listPublishedEditions } from "@/features/editions/server/repository";

/** Entries in a feed: the newest published editions. */
export const FEED_SIZE = 50;
/** URLs in the sitemap (one per published edition, plus each language's story list); the protocol allows 50,000. */
export const SITEMAP_SIZE = 10_000;

/** The public origin readers reach the site at (PUBLIC_URL), without a trailing slash. */
export function publicOrigin(): string {
  return (process.env.PUBLIC_URL || "http://localhost:3000").replace(/\/+$/, "");
}

/** Path of the Atom feed of a language's published editions. */
export const feedPath = (lang: LanguageCode) => `/feeds/${lang}.xml`;

/** The Atom feed (RFC 4287) of the newest published editions in `lang`, titles in that language. */
export async function atomFeed(db: Kysely<Database>, lang: LanguageCode, origin = publicOrigin()): Promise<string> {
  const editions = await listPublishedEditions(db, { lang, limit: FEED_SIZE });
  const common = getT(lang, "common");
  const language = getLanguage(lang);
  const updated = editions.reduce((max, e) => ((e.updated_at ?? e.published_at) > max ? (e.updated_at ?? e.published_at) : max), "1970-01-01T00:00:00.000Z");
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXmlAttribute(language.bcp47)}">`,
    xmlElement("title", {}, `${common("siteName")} (${language.nativeName})`),
    xmlElement("id", {}, `${origin}/${lang}`),
    `<link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(origin + feedPath(lang))}"/>`,
    `<link rel="alternate" type="text/html" hreflang="${escapeXmlAttribute(language.bcp47)}" href="${escapeXmlAttribute(`${origin}/${lang}`)}"/>`,
    xmlElement("updated", {}, updated),
    `<author>${xmlElement("name", {}, common("siteName"))}</author>`,
  ];
  for (const e of editions) {
    const url = `${origin}/${lang}/stories/${encodeURIComponent(e.slug)}`;
    lines.push(
      "<entry>",
      xmlElement("title", {}, e.title),
      xmlElement("id", {}, url),
      `<link rel="alternate" type="text/html" hreflang="${escapeXmlAttribute(language.bcp47)}" href="${escapeXmlAttribute(url)}"/>`,
      xmlElement("published", {}, e.published_at),
      xmlElement("updated", {}, e.updated_at ?? e.published_at),
      ...(e.correction_note ? [xmlElement("summary", {}, e.correction_note)] : []),
      "</entry>",
    );
  }
  lines.push("</feed>");
  return lines.join("\n") + "\n";
}

/** The sitemap (sitemaps.org 0.9) of every published edition, each with its story's other published editions as hreflang alternates. */
export async function sitemapXml(db: Kysely<Database>, origin = publicOrigin()): Promise<string> {
  const editions = await listPublishedEditions(db, { limit: SITEMAP_SIZE });
  const bySlug = new Map<string, typeof editions>();
  for (const e of editions) bySlug.set(e.slug, [...(bySlug.get(e.slug) ?? []), e]);
  const order = new Map(LANGUAGES.map((l, i) => [l.code as string, i]));
  const alternate = (lang: string, href: string) => `<xhtml:link rel="alternate" hreflang="${escapeXmlAttribute(getLanguage(lang as LanguageCode).bcp47)}" href="${escapeXmlAttribute(href)}"/>`;
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`];
  for (const l of LANGUAGES) {
    lines.push(`<url><loc>${escapeXmlText(`${origin}/${l.code}`)}</loc>${LANGUAGES.map((o) => alternate(o.code, `${origin}/${o.code}`)).join("")}</url>`);
  }
  for (const [slug, list] of bySlug) {
    const sorted = [...list].sort((a, b) => order.get(a.lang)! - order.get(b.lang)!);
    const href = (lang: string) => `${origin}/${lang}/stories/${encodeURIComponent(slug)}`;
    for (const e of sorted) {
      lines.push(`<url><loc>${escapeXmlText(href(e.lang))}</loc><lastmod>${escapeXmlText(e.updated_at ?? e.published_at)}</lastmod>${sorted.map((o) => alternate(o.lang, href(o.lang))).join("")}</url>`);
    }
  }
  lines.push("</urlset>");
  return lines.join("\n") + "\n";
}
