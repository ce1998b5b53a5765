import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { SOURCE_LANGUAGE, formatDate, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { READER_PAGE_SIZE, listReaderStories } from "@/features/reader/server/service";
import { READER_ORDER } from "@/features/reader/server/repository";
import { pageRequestFrom } from "@/lib/db/keyset";
import { Pager, pageHref } from "@/lib/ui/Pager";
import { LanguageSwitcher } from "@/features/reader/components/LanguageSwitcher";
import { NEWSROOM_TIME_ZONE, languageLinks } from "@/features/reader/reader";

export default async function StoriesPage({ params, searchParams }: PageProps<"/[lang]">) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const t = getT(lang, "reader");
  const common = getT(lang, "common");
  const request = pageRequestFrom(await searchParams, READER_ORDER.length, READER_PAGE_SIZE);
  if (!request) notFound();
  const page = await listReaderStories(await getDb(), lang, request);
  const stories = page.items;
  const attrs = textAttrs(lang);
  return (
    <>
      <LanguageSwitcher label={common("languageSwitcher.label")} links={languageLinks(lang, (l) => `/${l}`)} />
      <main id="content" className="stories" {...attrs}>
        <h1>{t("storiesHeading")}</h1>
        {stories.length === 0 ? (
          <p>{t("noStories")}</p>
        ) : (
          <ul className="story-list" data-testid="story-list">
            {stories.map((s) => (
              <li key={s.slug}>
                <a href={`/${lang}/stories/${s.slug}`} {...textAttrs(s.title.lang)}>
                  {s.title.text}
                </a>
                <p className="story-meta">
                  {s.publishedAt && <time dateTime={s.publishedAt}>{formatDate(lang, new Date(s.publishedAt), { dateStyle: "long", timeZone: NEWSROOM_TIME_ZONE })}</time>}
                  {lang !== SOURCE_LANGUAGE ? (
                    <span data-testid="story-progress">{t("progress", { count: s.total, translated: s.translated })}</span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Pager
          label={common("pager.label")}
          previousLabel={common("pager.previous")}
          nextLabel={common("pager.next")}
          previousHref={pageHref(`/${lang}`, {}, { before: page.prev })}
          nextHref={pageHref(`/${lang}`, {}, { after: page.next })}
        />
      </main>
    </>
  );
}
