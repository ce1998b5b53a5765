import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { can } from "@/features/auth/permissions";
import { getLanguage, isLanguageCode, textAttrs, formatNumber, type LanguageCode } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { countTmUnits } from "@/features/tm/server/repository";
import { TmxImportForm } from "@/features/tm/components/TmxImportForm";

type Props = PageProps<"/[lang]/memory">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "tm")("title"), robots: { index: false } } : {};
}

/** The translation memory: units per language pair, TMX export, and TMX import for admins. */
export default async function MemoryPage({ params }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePageUser(lang, `/${lang}/memory`);
  const t = getT(lang, "tm");
  const pairs = await countTmUnits(await getDb());
  const name = (code: string) => (isLanguageCode(code) ? <span {...textAttrs(code)}>{getLanguage(code).nativeName}</span> : code);
  return (
    <main id="content" {...textAttrs(lang)}>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {pairs.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <table className="data-table" data-testid="memory-pairs">
          <thead>
            <tr>
              <th scope="col">{t("pair")}</th>
              <th scope="col">{t("units")}</th>
              <th scope="col">{t("export")}</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={`${p.sourceLang}-${p.targetLang}`} data-testid={`memory-pair-${p.sourceLang}-${p.targetLang}`}>
                <td>
                  {name(p.sourceLang)} → {name(p.targetLang)}
                </td>
                <td data-testid="memory-units">{formatNumber(lang as LanguageCode, p.units)}</td>
                <td>
                  <a href={`/api/v1/tm/export?sourceLang=${p.sourceLang}&targetLang=${p.targetLang}`} download>
                    TMX
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(principal, "document.import") && (
        <section>
          <h2>{t("import.title")}</h2>
          <I18nProvider lang={lang} resources={clientResources(lang, ["tm", "errors", "auth"])}>
            <TmxImportForm />
          </I18nProvider>
        </section>
      )}
    </main>
  );
}
