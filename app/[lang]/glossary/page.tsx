import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { LANGUAGES, getLanguage, isLanguageCode, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { LanguageOptions } from "@/lib/i18n/LanguageOptions";
import { getDb } from "@/lib/db";
import { TERM_STATUSES } from "@/lib/db/schema";
import { can, languagesWith } from "@/features/auth/permissions";
import { getPrincipal } from "@/features/auth/server/principal";
import { SUBJECTS } from "@/features/glossary/files";
import { CONCEPTS_ORDER, listConceptPage, listSubjects } from "@/features/glossary/server/repository";
import { conceptListQuerySchema } from "@/features/glossary/schemas";
import { firstValues, pageRequestOrThrow } from "@/lib/api/page";
import { Pager, pageHref } from "@/lib/ui/Pager";
import { ProposeConceptForm } from "@/features/glossary/components/GlossaryActions";
import { GlossaryImportForm } from "@/features/glossary/components/GlossaryTransfer";
import { clientResources } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { pendingCounts } from "@/features/glossary/server/workflow";

type Props = PageProps<"/[lang]/glossary">;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "glossary")("title") } : {};
}

/** The glossary: a page of concepts with their terms in every language; search and filters in SQL. */
export default async function GlossaryPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const t = getT(lang, "glossary");
  const sp = firstValues(await searchParams);
  const principal = await getPrincipal(await headers());
  const signedIn = principal.kind === "user";
  const db = await getDb();
  const subjects = await listSubjects(db, SUBJECTS);
  const filter = {
    q: one(sp.q),
    lang: LANGUAGES.some((l) => l.code === one(sp.lang)) ? one(sp.lang) : undefined,
    status: signedIn && TERM_STATUSES.includes(one(sp.status) as never) ? one(sp.status) : undefined,
    subject: subjects.includes(one(sp.subject) ?? "") ? one(sp.subject) : undefined,
  };
  const parsed = conceptListQuerySchema.safeParse({ ...filter, limit: sp.limit, after: sp.after, before: sp.before });
  if (!parsed.success) notFound();
  let request;
  try {
    request = pageRequestOrThrow(parsed.data, CONCEPTS_ORDER.length);
  } catch {
    notFound();
  }
  // Readers see approved terms only; the team also sees proposals and their fate.
  const visible = signedIn ? TERM_STATUSES : (["approved"] as const);
  const page = await listConceptPage(db, { ...filter, visible }, request);
  const concepts = page.items;
  const kept = { ...filter, limit: sp.limit };
  const common = getT(lang, "common");
  const proposeLangs = LANGUAGES.filter((l) => can(principal, "glossary.propose", l.code)).map((l) => ({ code: l.code, nativeName: l.nativeName, bcp47: l.bcp47, dir: l.dir }));
  const reviewLangs = languagesWith(principal, "glossary.approve", LANGUAGES.map((l) => l.code));
  const pending = reviewLangs.length ? await pendingCounts(db) : {};
  const attrs = textAttrs(lang);
  return (
    <main id="content" className="wide" {...attrs}>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {reviewLangs.length > 0 && (
        <aside className="edit-links" data-testid="pending-counts">
          <h2>{t("pending")}</h2>
          <ul>
            {reviewLangs.map((code) => (
              <li key={code}>
                <a href={`/${lang}/glossary?lang=${code}&status=proposed`}>
                  <span {...textAttrs(code as LanguageCode)}>{getLanguage(code as LanguageCode).nativeName}</span>: {t("pendingIn", { count: pending[code] ?? 0 })}
                </a>
              </li>
            ))}
          </ul>
        </aside>
      )}
      {proposeLangs.length > 0 && (
        <details className="propose-concept" data-testid="propose-concept">
          <summary>{t("propose.newConceptTitle")}</summary>
          <I18nProvider lang={lang} resources={clientResources(lang, ["glossary", "errors", "auth"])}>
            <ProposeConceptForm languages={proposeLangs} subjects={subjects} />
          </I18nProvider>
        </details>
      )}
      <form method="get" className="filter-form" data-testid="glossary-filters">
        <fieldset>
          <legend className="visually-hidden">{t("search")}</legend>
          <label>
            {t("search")}
            <input type="search" name="q" defaultValue={filter.q ?? ""} dir="auto" data-testid="glossary-q" />
          </label>
          <label>
            {t("language")}
            <select name="lang" defaultValue={filter.lang ?? ""}>
              <option value="">{t("any")}</option>
              <LanguageOptions />
            </select>
          </label>
          <label>
            {t("subject")}
            <select name="subject" defaultValue={filter.subject ?? ""}>
              <option value="">{t("any")}</option>
              {subjects.map((s) => (
                <option key={s} value={s}>
                  {t(`subjects.${s}`, { defaultValue: s })}
                </option>
              ))}
            </select>
          </label>
          {signedIn && (
            <label>
              {t("status")}
              <select name="status" defaultValue={filter.status ?? ""}>
                <option value="">{t("any")}</option>
                {TERM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`statuses.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        <button type="submit">{t("apply")}</button> <a href={`/${lang}/glossary`}>{t("clear")}</a>
      </form>
      <p data-testid="glossary-count">{t("shown", { count: concepts.length })}</p>
      {concepts.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table className="data-table glossary-table" data-testid="glossary-table">
          <thead>
            <tr>
              <th scope="col">{t("subject")}</th>
              {LANGUAGES.map((l) => (
                <th key={l.code} scope="col" {...textAttrs(l.code)}>
                  {l.nativeName}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {concepts.map((c) => (
              <tr key={c.id} data-testid={`concept-${c.id}`}>
                <td>
                  <a href={`/${lang}/glossary/${c.id}`}>{t(`subjects.${c.subject}`, { defaultValue: c.subject })}</a>
                </td>
                {LANGUAGES.map((l) => (
                  <td key={l.code} {...textAttrs(l.code)}>
                    {c.terms
                      .filter((x) => x.lang === l.code && x.usage !== "forbidden" && (x.status === "approved" || x.status === "proposed"))
                      .map((x) => (
                        <span key={x.id} className={`term-chip status-${x.status}`} title={x.status === "proposed" ? t("statuses.proposed") : undefined}>
                          {x.text}
                        </span>
                      ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        label={common("pager.label")}
        previousLabel={common("pager.previous")}
        nextLabel={common("pager.next")}
        previousHref={pageHref(`/${lang}/glossary`, kept, { before: page.prev })}
        nextHref={pageHref(`/${lang}/glossary`, kept, { after: page.next })}
        testId="glossary-pager"
      />
      <section className="glossary-transfer" data-testid="glossary-transfer">
        <h2>{t("transfer.title")}</h2>
        <p>
          {t("transfer.download")}:{" "}
          {(["tbx", "tbx2008", "csv"] as const).map((format, i) => (
            <span key={format}>
              {i > 0 && " · "}
              <a href={`/api/v1/glossary/export?format=${format}`} download data-testid={`glossary-export-${format}`}>
                {t(`transfer.${format}`)}
              </a>
            </span>
          ))}
        </p>
        {can(principal, "glossary.manage") && (
          <details>
            <summary>{t("transfer.importTitle")}</summary>
            <I18nProvider lang={lang} resources={clientResources(lang, ["glossary", "errors", "auth"])}>
              <GlossaryImportForm />
            </I18nProvider>
          </details>
        )}
      </section>
    </main>
  );
}
