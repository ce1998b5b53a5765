/**
 * A translated story as a standalone HTML page or as Markdown, for the
 * newsroom's CMS. Pure. Every text is escaped: nothing a translator typed
 * becomes markup. Segments without an approved translation keep the source
 * text, marked with its own language (as the reader shows them).
 */
import { getLanguage, type LanguageCode } from "@/lib/i18n/languages";
import type { SegmentKind } from "@/lib/db/schema";

export interface ExportSegment {
  readonly key: string;
  readonly kind: SegmentKind;
  readonly text: string;
  /** The language the text is in (the source language when not translated). */
  readonly lang: LanguageCode;
  readonly translated: boolean;
}

export interface ExportStory {
  readonly slug: string;
  readonly lang: LanguageCode;
  readonly sourceLang: LanguageCode;
  readonly publishedAt: string | null;
  readonly sourceUpdatedAt: string | null;
  readonly segments: readonly ExportSegment[];
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Counts of body segments translated, for the metadata. */
function progress(story: ExportStory) {
  const body = story.segments.filter((s) => s.kind !== "title");
  return { translated: body.filter((s) => s.translated).length, total: body.length };
}

function attrs(story: ExportStory, s: ExportSegment): string {
  const own = s.lang === story.lang ? "" : ` lang="${getLanguage(s.lang).bcp47}" dir="${getLanguage(s.lang).dir}"`;
  return `${own} id="${escapeHtml(s.key)}"${s.translated ? "" : ' data-untranslated=""'}`;
}

/** A complete HTML document: the page's language and direction, the story's metadata, one element per segment. */
export function storyToHtml(story: ExportStory): string {
  const l = getLanguage(story.lang);
  const title = story.segments.find((s) => s.kind === "title");
  const p = progress(story);
  const meta = [
    `<meta charset="utf-8">`,
    `<title>${escapeHtml(title?.text ?? story.slug)}</title>`,
    `<meta name="dcterms.identifier" content="${escapeHtml(story.slug)}">`,
    `<meta name="dcterms.language" content="${l.bcp47}">`,
    `<meta name="dcterms.source" content="${escapeHtml(`${story.slug} (${getLanguage(story.sourceLang).bcp47})`)}">`,
    ...(story.publishedAt ? [`<meta name="dcterms.created" content="${escapeHtml(story.publishedAt)}">`] : []),
    ...(story.sourceUpdatedAt ? [`<meta name="dcterms.modified" content="${escapeHtml(story.sourceUpdatedAt)}">`] : []),
    `<meta name="translation-progress" content="${p.translated}/${p.total}">`,
  ];
  const body = story.segments.map((s) => {
    const a = attrs(story, s);
    const text = escapeHtml(s.text);
    switch (s.kind) {
      case "title":
        return `<h1${a}>${text}</h1>`;
      case "heading":
        return `<h2${a}>${text}</h2>`;
      case "dateline":
        return `<p class="dateline"${a}>${text}</p>`;
      case "note":
        return `<aside${a}><p>${text}</p></aside>`;
      default:
        return `<p${a}>${text}</p>`;
    }
  });
  return `<!DOCTYPE html>\n<html lang="${l.bcp47}" dir="${l.dir}">\n<head>\n${meta.map((m) => `  ${m}`).join("\n")}\n</head>\n<body>\n<article>\n${body.map((b) => `  ${b}`).join("\n")}\n</article>\n</body>\n</html>\n`;
}

/** Escapes what Markdown would read as markup at the start of a line or inline. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/([\\`*_{}\[\]<>|])/g, "\\$1")
    .replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, (_, sp: string, m: string) => `${sp}${m.replace(/^([#>+-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2")}`);
}

const yamlString = (s: string) => JSON.stringify(s);

/** Markdown with YAML front matter (language, direction, source, dates, progress); untranslated segments are kept and listed. */
export function storyToMarkdown(story: ExportStory): string {
  const l = getLanguage(story.lang);
  const title = story.segments.find((s) => s.kind === "title");
  const p = progress(story);
  const front = [
    "---",
    `title: ${yamlString(title?.text ?? story.slug)}`,
    `slug: ${yamlString(story.slug)}`,
    `lang: ${l.bcp47}`,
    `dir: ${l.dir}`,
    `source_lang: ${getLanguage(story.sourceLang).bcp47}`,
    ...(story.publishedAt ? [`published: ${yamlString(story.publishedAt)}`] : []),
    ...(story.sourceUpdatedAt ? [`updated: ${yamlString(story.sourceUpdatedAt)}`] : []),
    `translated: ${p.translated}`,
    `segments: ${p.total}`,
    ...(p.translated < p.total ? [`untranslated: [${story.segments.filter((s) => !s.translated).map((s) => yamlString(s.key)).join(", ")}]`] : []),
    "---",
  ];
  const blocks = story.segments.map((s) => {
    const text = escapeMarkdown(s.text.replace(/\s*\n\s*/g, " "));
    switch (s.kind) {
      case "title":
        return `# ${text}`;
      case "heading":
        return `## ${text}`;
      case "dateline":
        return `*${text}*`;
      case "note":
        return `> ${text}`;
      default:
        return text;
    }
  });
  return `${front.join("\n")}\n\n${blocks.join("\n\n")}\n`;
}
