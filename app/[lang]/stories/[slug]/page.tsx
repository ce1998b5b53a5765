import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { LANGUAGES, SOURCE_LANGUAGE, TARGET_LANGUAGE_CODES, formatDate, getLanguage, isLanguageCode, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { getReaderStory } from "@/features/reader/server/service";
import { LanguageSwitcher } from "@/features/reader/components/LanguageSwitcher";
import { ParallelBody, SingleLanguageBody, annotationKey, type ReaderAnnotations } from "@/features/reader/components/StoryBody";
import { annotateForReader, type ConceptCard, type RecognizedTerm } from "@/features/glossary/server/recognition";
import { NEWSROOM_TIME_ZONE, compareQuery, languageLinks, parseCompare } from "@/features/reader/reader";
import { headers } from "next/headers";
import { getPrincipal } from "@/features/auth/server/principal";
import { languagesWith } from "@/features/auth/permissions";

type Props = PageProps<"/[lang]/stories/[slug]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, slug } = await params;
  if (!isLanguageCode(lang)) return {};
  const story = await getReaderStory(await getDb(), slug, [lang]);
  if (!story) return {};
  const title = story.segments.find((s) => s.kind === "title")?.texts[lang];
  const dateline = story.segments.find((s) => s.kind === "dateline")?.texts[lang];
  return {
    title: title?.text,
    description: dateline?.text.slice(0, 200),
    alternates: {
      canonical: `/${lang}/stories/${slug}`,
      languages: {
        ...Object.fromEntries(LANGUAGES.map((l) => [l.bcp47, `/${l.code}/stories/${slug}`])),
        "x-default": `/${SOURCE_LANGUAGE}/stories/${slug}`,
      },
    },
  };
}

export default async function StoryPage({ params, searchParams }: Props) {
  const { lang, slug } = await params;
  if (!isLanguageCode(lang)) notFound();
  const compare = parseCompare((await searchParams).compare);
  const parallel = compare.length > 0;
  const story = await getReaderStory(await getDb(), slug, [lang, ...compare]);
  if (!story) notFound();

  const t = getT(lang, "reader");
  const common = getT(lang, "common");
  const db = await getDb();
  // Mark approved glossary terms in every text shown, each in its own language.
  const shownLangs = parallel ? [story.sourceLang, ...compare] : [lang];
  const cells = story.segments.flatMap((s) => shownLangs.map((l) => ({ key: s.key, text: s.texts[l]! })));
  const annotations = { matches: new Map<string, readonly RecognizedTerm[]>(), concepts: new Map<string, ConceptCard>() };
  for (const l of new Set(cells.map((c) => c.text.lang))) {
    const mine = cells.filter((c) => c.text.lang === l);
    const result = await annotateForReader(db, l, mine.map((c) => c.text.text));
    mine.forEach((c, i) => annotations.matches.set(annotationKey(c.key, l), result.matches[i]!));
    for (const [id, card] of result.concepts) annotations.concepts.set(id, card);
  }
  const readerAnnotations: ReaderAnnotations = annotations;
  const attrs = textAttrs(lang);
  const title = story.segments.find((s) => s.kind === "title");
  const titleText = title?.texts[lang];
  const progress = story.progress[lang];
  const storyPath = `/${lang}/stories/${slug}`;
  // Only the languages this user may translate get an edit link.
  const shown = parallel ? compare : lang === story.sourceLang ? TARGET_LANGUAGE_CODES : [lang];
  const editable = languagesWith(await getPrincipal(await headers()), "translation.edit", shown);

  return (
    <>
      <LanguageSwitcher label={common("languageSwitcher.label")} links={languageLinks(lang, (l) => `/${l}/stories/${slug}${compareQuery(compare)}`)} />
      <main id="content" className={parallel ? "story story-parallel" : "story"} {...attrs}>
        <article {...attrs}>
          <header className="story-header">
            <p className="breadcrumb">
              <a href={`/${lang}`}>{t("allStories")}</a>
            </p>
            {title && titleText && (
              <h1 id={title.key} data-segment={title.key} data-translated={titleText.translated ? undefined : "false"} {...textAttrs(titleText.lang)}>
                {titleText.text}
              </h1>
            )}
            <p className="story-meta">
              {story.publishedAt && (
                <time dateTime={story.publishedAt}>
                  {t("publishedOn", { date: formatDate(lang, new Date(story.publishedAt), { dateStyle: "long", timeZone: NEWSROOM_TIME_ZONE }) })}
                </time>
              )}
              {story.sourceUpdatedAt && (
                <time dateTime={story.sourceUpdatedAt} data-testid="story-updated">
                  {t("updatedOn", { date: formatDate(lang, new Date(story.sourceUpdatedAt), { dateStyle: "long", timeStyle: "short", timeZone: NEWSROOM_TIME_ZONE }) })}
                </time>
              )}
              {progress && (
                <span data-testid="story-progress">{t("progress", { count: progress.total, translated: progress.translated })}</span>
              )}
            </p>
          </header>
          {parallel ? (
            <ParallelBody segments={story.segments} langs={[story.sourceLang, ...compare]} uiLang={lang} t={t} annotations={readerAnnotations} />
          ) : (
            <SingleLanguageBody segments={story.segments} lang={lang} uiLang={lang} t={t} annotations={readerAnnotations} />
          )}
        </article>
        {editable.length > 0 && (
          <aside className="edit-links" data-testid="edit-links" {...attrs}>
            <h2>{t("editLinks")}</h2>
            <ul>
              {editable.map((code) => (
                <li key={code}>
                  <a href={`/${lang}/workbench/${slug}/${code}`} data-testid={`edit-${code}`}>
                    {t("edit")}: <span {...textAttrs(code as LanguageCode)}>{getLanguage(code as LanguageCode).nativeName}</span>
                  </a>
                </li>
              ))}
            </ul>
          </aside>
        )}
        <form method="get" action={storyPath} className="compare-form" data-testid="compare-form" {...attrs}>
          <fieldset>
            <legend>{parallel ? t("parallel.heading") : t("parallel.open")}</legend>
            <p className="hint">{t("parallel.legend")}</p>
            {TARGET_LANGUAGE_CODES.map((code) => (
              <label key={code}>
                <input
                  type="checkbox"
                  name="compare"
                  value={code}
                  defaultChecked={parallel ? compare.includes(code) : code === lang}
                  data-testid={`compare-${code}`}
                />{" "}
                <span {...textAttrs(code)}>{getLanguage(code).nativeName}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" data-testid="compare-submit">
            {t("parallel.show")}
          </button>
          {parallel && (
            <a href={storyPath} className="close-parallel">
              {t("parallel.close")}
            </a>
          )}
        </form>
      </main>
    </>
  );
}
