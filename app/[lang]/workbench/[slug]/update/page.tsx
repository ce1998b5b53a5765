import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { can } from "@/features/auth/permissions";
import { LANGUAGES, SOURCE_LANGUAGE, formatDate, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { NEWSROOM_TIME_ZONE } from "@/features/reader/reader";
import { UpdateForm } from "@/features/documents/components/UpdateForm";

type Props = PageProps<"/[lang]/workbench/[slug]/update">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "documents")("update.title"), robots: { index: false } } : {};
}

/** A new version of a story's source (administrators: document.import). */
export default async function UpdateSourcePage({ params }: Props) {
  const { lang, slug } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePageUser(lang, `/${lang}/workbench/${slug}/update`);
  if (!can(principal, "document.import")) notFound();
  const doc = await findDocumentBySlug(await getDb(), slug);
  if (!doc) notFound();
  const t = getT(lang, "documents");
  const targets = LANGUAGES.filter((l) => l.code !== SOURCE_LANGUAGE).map((l) => ({ code: l.code, nativeName: l.nativeName, bcp47: l.bcp47, dir: l.dir }));
  return (
    <main id="content" className="wide doc-import" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={`/${lang}/workbench`}>{getT(lang, "workbench")("title")}</a>
      </p>
      <h1>
        {t("update.title")}:{" "}
        <span lang="en" dir="ltr">
          {doc.title}
        </span>
      </h1>
      {doc.source_updated_at && (
        <p>
          <time dateTime={doc.source_updated_at}>
            {t("update.lastUpdate", { date: formatDate(lang, new Date(doc.source_updated_at), { dateStyle: "long", timeStyle: "short", timeZone: NEWSROOM_TIME_ZONE }) })}
          </time>
        </p>
      )}
      <p>{t("update.intro")}</p>
      <I18nProvider lang={lang} resources={clientResources(lang, ["documents", "errors", "auth"])}>
        <UpdateForm slug={doc.slug} uiLang={lang} targets={targets} />
      </I18nProvider>
    </main>
  );
}
