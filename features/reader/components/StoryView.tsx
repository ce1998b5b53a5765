import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { Principal } from "@/features/auth/permissions";
import { getDb } from "@/lib/db";
import { SOURCE_LANGUAGE, TARGET_LANGUAGE_CODES, formatDate, getLanguage, isLanguageCode, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import type { ReaderEdition } from "@/features/reader/server/service";
import { getCachedReaderStory } from "@/features/reader/server/cache";
import { feedPath } from "@/features/reader/server/feeds";
import { StoryText } from "@/features/reader/components/StoryText";
import { LanguageSwitcher, type LanguageLink } from "@/features/reader/components/LanguageSwitcher";
import { annotationKey, storyTextData, type ReaderAnnotations } from "@/features/reader/story-text";
import { annotateForReader, type ConceptCard, type RecognizedTerm } from "@/features/glossary/server/recognition";
import { NEWSROOM_TIME_ZONE, compareQuery, languageLinks } from "@/features/reader/reader";
import { languagesWith } from "@/features/auth/permissions";

/** The alternates of a story: one hreflang link per published edition. */
function editionAlternates(slug: string, langs: readonly LanguageCode[], sourceLang: LanguageCode) {
  return {
    ...Object.fromEntries(langs.map((l) => [getLanguage(l).bcp47, `/${l}/stories/${slug}`])),
    "x-default": `/${langs.includes(sourceLang) ? sourceLang : langs[0]}/stories/${slug}`,
  };
}

/** The metadata of a story page: title, description, canonical URL, hreflang alternates (published editions), feed, Open Graph. */
export async function storyMetadata(lang: string, slug: string): Promise<Metadata> {
  if (!isLanguageCode(lang)) return {};
  const story = await getCachedReaderStory(await getDb(), slug, [lang]);
  if (!story) return {};
  const edition = story.editions.find((e) => e.lang === lang);
  const langs = story.editions.map((e) => e.lang);
  if (!edition) return { robots: { index: false }, alternates: { languages: editionAlternates(slug, langs, story.sourceLang) } };
  const dateline = story.segments.find((s) => s.kind === "dateline")?.texts[lang];
  const description = dateline?.text.slice(0, 200);
  return {
    title: edition.title,
    description,
    alternates: {
      canonical: `/${lang}/stories/${slug}`,
      languages: editionAlternates(slug, langs, story.sourceLang),
      types: { "application/atom+xml": [{ url: feedPath(lang), title: getT(lang, "reader")("feed", { language: getLanguage(lang).nativeName }) }] },
    },
    openGraph: {
      type: "article",
      title: edition.title,
      description,
      url: `/${lang}/stories/${slug}`,
      locale: getLanguage(lang).bcp47,
      alternateLocale: langs.filter((l) => l !== lang).map((l) => getLanguage(l).bcp47),
      publishedTime: edition.publishedAt,
      ...(edition.updatedAt ? { modifiedTime: edition.updatedAt } : {}),
    },
  };
}

/**
 * A story page: the published edition in `lang`, or the parallel view of the
 * source beside the `requested` translations; edit links for what `principal`
 * may translate (none for the anonymous, cached variant).
 */
export async function StoryView({ lang, slug, requested, principal }: { lang: string; slug: string; requested: readonly LanguageCode[]; principal: Principal }) {
  if (!isLanguageCode(lang)) notFound();
  const db = await getDb();
  const story = await getCachedReaderStory(db, slug, requested.length > 0 ? [lang, SOURCE_LANGUAGE, ...requested] : [lang]);
  if (!story) notFound();
  const publishedLangs = story.editions.map((e) => e.lang);
  const edition = story.editions.find((e) => e.lang === lang);
  const common = getT(lang, "common");
  const switcherLinks = languageLinks(lang, (l) => `/${l}/stories/${slug}`, publishedLangs);
  if (!edition) return <NotPublished lang={lang} slug={slug} editions={story.editions} switcher={switcherLinks} />;

  // The parallel view shows published editions only: the source beside the chosen translations.
  const compare = requested.filter((l) => publishedLangs.includes(l));
  const parallel = compare.length > 0 && publishedLangs.includes(story.sourceLang);
  const t = getT(lang, "reader");
  // Mark approved glossary terms in every text shown, each in its own language.
  const shownLangs = parallel ? [story.sourceLang, ...compare] : [lang];
  const cells = story.segments.flatMap((s) => shownLangs.flatMap((l) => (s.texts[l] ? [{ key: s.key, text: s.texts[l] }] : [])));
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
  const storyPath = `/${lang}/stories/${slug}`;
  // Only the languages this user may translate get an edit link.
  const shown = parallel ? compare : lang === story.sourceLang ? TARGET_LANGUAGE_CODES : [lang];
  const compareChoices = TARGET_LANGUAGE_CODES.filter((l) => publishedLangs.includes(l));
  const editable = languagesWith(principal, "translation.edit", shown);

  return (
    <>
      <LanguageSwitcher label={common("languageSwitcher.label")} links={languageLinks(lang, (l) => `/${l}/stories/${slug}${compareQuery(compare)}`, publishedLangs)} />
      <main id="content" className={parallel ? "story story-parallel" : "story"} {...attrs}>
        <article {...attrs}>
          <header className="story-header">
            <p className="breadcrumb">
              <a href={`/${lang}`}>{t("allStories")}</a>
            </p>
            {title && titleText && (
              <h1 id={title.key} data-segment={title.key} {...textAttrs(titleText.lang)}>
                {titleText.text}
              </h1>
            )}
            <p className="story-meta">
              <time dateTime={edition.publishedAt} data-testid="story-published">
                {t("publishedOn", { date: formatDate(lang, new Date(edition.publishedAt), { dateStyle: "long", timeStyle: "short", timeZone: NEWSROOM_TIME_ZONE }) })}
              </time>
              {edition.updatedAt && (
                <time dateTime={edition.updatedAt} data-testid="story-updated">
                  {t("updatedOn", { date: formatDate(lang, new Date(edition.updatedAt), { dateStyle: "long", timeStyle: "short", timeZone: NEWSROOM_TIME_ZONE }) })}
                </time>
              )}
            </p>
            {edition.correctionNote && (
              <p className="story-correction" data-testid="story-correction">
                <strong>{t("correction")}:</strong> <span {...attrs}>{edition.correctionNote}</span>
              </p>
            )}
          </header>
          <StoryText
            key={`${slug}/${shownLangs.join(".")}`}
            data={storyTextData(story.segments, shownLangs, readerAnnotations, { withTitle: parallel })}
            parallel={parallel}
            labels={{ definition: t("definition"), ...(parallel ? { caption: t("parallel.caption") } : {}) }}
          />
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
            {compareChoices.map((code) => (
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

/** A story not published in the reader's language: says so in that language, and links to the editions that exist. */
function NotPublished({ lang, slug, editions, switcher }: { lang: LanguageCode; slug: string; editions: readonly ReaderEdition[]; switcher: readonly LanguageLink[] }) {
  const t = getT(lang, "reader");
  const common = getT(lang, "common");
  const attrs = textAttrs(lang);
  return (
    <>
      <LanguageSwitcher label={common("languageSwitcher.label")} links={switcher} />
      <main id="content" className="story story-not-published" data-testid="story-not-published" {...attrs}>
        <p className="breadcrumb">
          <a href={`/${lang}`}>{t("allStories")}</a>
        </p>
        <h1>{t("notPublished", { language: getLanguage(lang).nativeName })}</h1>
        <p>{t("otherEditions")}</p>
        <ul className="edition-links">
          {editions.map((e) => (
            <li key={e.lang}>
              <a href={`/${e.lang}/stories/${slug}`} hrefLang={getLanguage(e.lang).bcp47} data-testid={`edition-${e.lang}`} {...textAttrs(e.lang)}>
                {e.title} ({getLanguage(e.lang).nativeName})
              </a>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
