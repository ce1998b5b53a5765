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
import { concordance, concordanceQuerySchema } from "@/features/tm/server/service";
import { TARGET_LANGUAGE_CODES, SOURCE_LANGUAGE, formatDate } from "@/lib/i18n/languages";
import { firstValues } from "@/lib/api/page";
import { Pager, pageHref } from "@/lib/ui/Pager";
import { NEWSROOM_TIME_ZONE } from "@/features/reader/reader";

type Props = PageProps<"/[lang]/memory">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "tm")("title"), robots: { index: false } } : {};
}

const SEARCH_IN = ["both", "source", "target"] as const;

/** The translation memory: units per language pair, a paged search of its units (concordance), TMX export, and TMX import for admins. */
export default async function MemoryPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePageUser(lang, `/${lang}/memory`);
  const t = getT(lang, "tm");
  const db = await getDb();
  const pairs = await countTmUnits(db);
  const sp = firstValues(await searchParams);
  const searched = sp.q !== undefined && sp.q.trim() !== "";
  const query = searched
    ? concordanceQuerySchema.safeParse({ sourceLang: SOURCE_LANGUAGE, targetLang: sp.targetLang, q: sp.q, in: sp.in || undefined, limit: sp.limit, after: sp.after, before: sp.before })
    : undefined;
  if (query && !query.success && (sp.after || sp.before || sp.limit)) notFound();
  let results;
  try {
    results = query?.success ? await concordance(db, query.data) : undefined;
  } catch {
    notFound(); // a cursor this list did not make
  }
  const kept = query?.success ? { targetLang: query.data.targetLang, q: query.data.q, in: query.data.in === "both" ? undefined : query.data.in, limit: sp.limit } : {};
  const common = getT(lang, "common");
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
      <section data-testid="memory-search">
        <h2>{t("search.title")}</h2>
        <form method="get" className="filter-form">
          <fieldset>
            <legend className="visually-hidden">{t("search.title")}</legend>
            <label>
              {t("search.q")}
              <input type="search" name="q" defaultValue={sp.q ?? ""} minLength={2} maxLength={200} required dir="auto" data-testid="memory-q" />
            </label>
            <label>
              {t("search.targetLang")}
              <select name="targetLang" defaultValue={sp.targetLang ?? TARGET_LANGUAGE_CODES[0]} data-testid="memory-target">
                {TARGET_LANGUAGE_CODES.map((code) => (
                  <option key={code} value={code} {...(isLanguageCode(code) ? textAttrs(code) : {})}>
                    {isLanguageCode(code) ? getLanguage(code).nativeName : code}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("search.in")}
              <select name="in" defaultValue={sp.in ?? "both"}>
                {SEARCH_IN.map((where) => (
                  <option key={where} value={where}>
                    {t(`search.${where}`)}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <button type="submit">{t("search.submit")}</button>
        </form>
        {query && !query.success && (
          <p role="alert" className="form-error" data-testid="memory-search-error">
            {t("search.invalid")}
          </p>
        )}
        {results && results.items.length === 0 && <p data-testid="memory-search-empty">{t("search.none")}</p>}
        {results && results.items.length > 0 && query?.success && (
          <table className="data-table" data-testid="memory-results">
            <thead>
              <tr>
                <th scope="col">{t("search.source")}</th>
                <th scope="col">{t("search.target")}</th>
                <th scope="col">{t("search.changed")}</th>
              </tr>
            </thead>
            <tbody>
              {results.items.map((u) => (
                <tr key={u.id} data-testid="memory-result">
                  <td {...textAttrs(SOURCE_LANGUAGE)}>{u.source}</td>
                  <td {...(isLanguageCode(query.data.targetLang) ? textAttrs(query.data.targetLang) : {})}>{u.target}</td>
                  <td>
                    <time dateTime={u.createdAt}>{formatDate(lang, new Date(u.createdAt), { dateStyle: "medium", timeZone: NEWSROOM_TIME_ZONE })}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {results && (
          <Pager
            label={common("pager.label")}
            previousLabel={common("pager.previous")}
            nextLabel={common("pager.next")}
            previousHref={pageHref(`/${lang}/memory`, kept, { before: results.prev })}
            nextHref={pageHref(`/${lang}/memory`, kept, { after: results.next })}
            testId="memory-pager"
          />
        )}
      </section>
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
