import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { SOURCE_LANGUAGE, getLanguage, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { getDb } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { documentQaReport } from "@/features/qa/server/report";

type Props = PageProps<"/[lang]/workbench/[slug]/[target]/qa">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target)) return {};
  return { title: `${getT(lang, "workbench")("qa.report")}: ${getLanguage(target).nativeName}`, robots: { index: false } };
}

/** Every QA issue of a document in one language, each linked to its segment in the editor. */
export default async function QaReportPage({ params }: Props) {
  const { lang, slug, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target) || target === SOURCE_LANGUAGE) notFound();
  await requirePageUser(lang, `/${lang}/workbench/${slug}/${target}/qa`);
  let report;
  try {
    report = await documentQaReport(await getDb(), slug, target, lang);
  } catch (e) {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  }
  const t = getT(lang, "workbench");
  const tq = getT(lang, "qa");
  const editor = `/${lang}/workbench/${slug}/${target}`;
  // "s03, s07 and s12" with the UI language's separators (، in Arabic script).
  const list = new Intl.ListFormat(getLanguage(lang).bcp47, { type: "conjunction" });
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={editor}>{t("qaReport.back")}</a>
      </p>
      <h1>
        {t("qa.report")}:{" "}
        <span lang="en" dir="ltr">
          {report.document.title}
        </span>{" "}
        → <span {...textAttrs(target)}>{getLanguage(target).nativeName}</span>
      </h1>
      <p data-testid="qa-report-summary">
        {t("qaReport.errors", { count: report.counts.error })} · {t("qaReport.warnings", { count: report.counts.warning })} · {t("qaReport.segments", { count: report.counts.segments })}
      </p>
      {report.issues.length === 0 ? (
        <p>{t("qaReport.none")}</p>
      ) : (
        <table className="data-table" data-testid="qa-report">
          <thead>
            <tr>
              <th scope="col">{t("qaReport.segment")}</th>
              <th scope="col">{t("qaReport.check")}</th>
              <th scope="col">{t("qaReport.problem")}</th>
              <th scope="col">{t("qaReport.text")}</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((i, n) => (
              <tr key={n} data-testid="qa-report-issue" data-check={i.check} data-severity={i.severity} data-segment={i.segmentKey}>
                <td>
                  <a href={`${editor}?segment=${encodeURIComponent(i.segmentKey)}`} data-testid="qa-report-segment">
                    {t("qaReport.segmentNumber", { number: i.position })}
                  </a>
                </td>
                <td>
                  <span className={`wb-qa-severity ${i.severity}`}>{tq(`severity.${i.severity}`)}</span> {tq(`checks.${i.check}`)}
                </td>
                <td>
                  {i.message}
                  {i.related.length > 0 && (
                    <span className="muted">
                      {" "}
                      ({t("qaReport.related")}:{" "}
                      {list.formatToParts(i.related).map((part, j) =>
                        part.type === "element" ? (
                          <a key={j} href={`${editor}?segment=${encodeURIComponent(part.value)}`}>
                            {part.value}
                          </a>
                        ) : (
                          <span key={j}>{part.value}</span>
                        ),
                      )}
                      )
                    </span>
                  )}
                </td>
                <td {...textAttrs(target)}>{i.excerpt && <q>{i.excerpt}</q>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
