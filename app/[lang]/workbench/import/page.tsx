import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { can } from "@/features/auth/permissions";
import { LANGUAGES, SOURCE_LANGUAGE, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { ImportForm } from "@/features/documents/components/ImportForm";

type Props = PageProps<"/[lang]/workbench/import">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "documents")("import.title"), robots: { index: false } } : {};
}

/** Import a new English story (administrators: document.import). */
export default async function ImportPage({ params }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePageUser(lang, `/${lang}/workbench/import`);
  if (!can(principal, "document.import")) notFound();
  const t = getT(lang, "documents");
  const targets = LANGUAGES.filter((l) => l.code !== SOURCE_LANGUAGE).map((l) => ({ code: l.code, nativeName: l.nativeName, bcp47: l.bcp47, dir: l.dir }));
  return (
    <main id="content" className="wide doc-import" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={`/${lang}/workbench`}>{getT(lang, "workbench")("title")}</a>
      </p>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <I18nProvider lang={lang} resources={clientResources(lang, ["documents", "errors", "auth"])}>
        <ImportForm uiLang={lang} targets={targets} />
      </I18nProvider>
    </main>
  );
}
