import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { SOURCE_LANGUAGE, getLanguage, isLanguageCode, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { can } from "@/features/auth/permissions";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { AlignWorkbench } from "@/features/align/components/AlignWorkbench";

type Props = PageProps<"/[lang]/workbench/[slug]/[target]/align">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target)) return {};
  return { title: `${getT(lang, "align")("title")}: ${getLanguage(target).nativeName}`, robots: { index: false } };
}

const info = (code: LanguageCode) => {
  const l = getLanguage(code);
  return { code: l.code, bcp47: l.bcp47, dir: l.dir, nativeName: l.nativeName };
};

/** Align an existing translation of a story with its segments, correct it, store it (issue 7). */
export default async function AlignPage({ params }: Props) {
  const { lang, slug, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target) || target === SOURCE_LANGUAGE) notFound();
  const principal = await requirePageUser(lang, `/${lang}/workbench/${slug}/${target}/align`);
  const doc = await findDocumentBySlug(await getDb(), slug);
  if (!doc || !isLanguageCode(doc.source_lang)) notFound();
  const t = getT(lang, "align");
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={`/${lang}/workbench/${slug}/${target}`}>{t("back")}</a>
      </p>
      <h1>
        {t("title")}:{" "}
        <span {...textAttrs(doc.source_lang)}>{doc.title}</span> → <span {...textAttrs(target)}>{getLanguage(target).nativeName}</span>
      </h1>
      <p>{t("intro")}</p>
      {can(principal, "translation.edit", target) ? (
        <I18nProvider lang={lang} resources={clientResources(lang, ["align", "errors", "auth"])}>
          <AlignWorkbench slug={slug} uiLang={lang} source={info(doc.source_lang)} target={info(target)} />
        </I18nProvider>
      ) : (
        <p className="form-error" data-testid="align-forbidden">
          {t("noPermission")}
        </p>
      )}
    </main>
  );
}
