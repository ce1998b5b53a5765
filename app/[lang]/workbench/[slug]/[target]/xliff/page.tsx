import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { can } from "@/features/auth/permissions";
import { SOURCE_LANGUAGE, getLanguage, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { XliffImport } from "@/features/exchange/xliff/components/XliffImport";

type Props = PageProps<"/[lang]/workbench/[slug]/[target]/xliff">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target)) return {};
  return { title: `${getT(lang, "exchange")("title")}: ${getLanguage(target).nativeName}`, robots: { index: false } };
}

/** XLIFF export of a document in one target language, and import of a translated XLIFF with a preview. */
export default async function XliffPage({ params }: Props) {
  const { lang, slug, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target) || target === SOURCE_LANGUAGE) notFound();
  const principal = await requirePageUser(lang, `/${lang}/workbench/${slug}/${target}/xliff`);
  const doc = await findDocumentBySlug(await getDb(), slug);
  if (!doc) notFound();
  const t = getT(lang, "exchange");
  const editor = `/${lang}/workbench/${slug}/${target}`;
  const api = `/api/v1/documents/${encodeURIComponent(slug)}/xliff?lang=${target}`;
  const l = getLanguage(target);
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={editor} data-testid="xliff-editor-link">
          {t("back")}
        </a>
      </p>
      <h1>
        {t("title")}:{" "}
        <span lang="en" dir="ltr">
          {doc.title}
        </span>{" "}
        → <span {...textAttrs(target)}>{l.nativeName}</span>
      </h1>
      <section>
        <h2>{t("download.title")}</h2>
        <p>{t("download.intro")}</p>
        <p>
          <a href={`${api}&version=2.1`} download data-testid="xliff-download-21">
            {t("download.xliff21")}
          </a>{" "}
          ·{" "}
          <a href={`${api}&version=1.2`} download data-testid="xliff-download-12">
            {t("download.xliff12")}
          </a>
        </p>
      </section>
      <section>
        <h2>{t("import.title")}</h2>
        <p>{t("import.intro")}</p>
        {can(principal, "translation.edit", target) ? (
          <I18nProvider lang={lang} resources={clientResources(lang, ["exchange", "errors", "auth"])}>
            <XliffImport slug={slug} target={{ code: l.code, bcp47: l.bcp47, dir: l.dir }} canApprove={can(principal, "translation.approve", target)} editorHref={editor} />
          </I18nProvider>
        ) : (
          <p data-testid="xliff-no-permission">{t("import.noPermission")}</p>
        )}
      </section>
    </main>
  );
}
