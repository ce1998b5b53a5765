"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiClientError } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { getLanguage, intlLocale, isLanguageCode } from "@/lib/i18n/languages";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import type { PlanRow } from "../plan";

interface Report {
  filename: string;
  dryRun: boolean;
  applied: boolean;
  format: { version: string; producer?: string };
  counts: Record<"update" | "unchanged" | "conflict" | "unmatched" | "skipped", number>;
  units: PlanRow[];
  problems: { line?: number; severity: string; message: string }[];
  planHash: string;
}

interface Lang {
  code: string;
  bcp47: string;
  dir: "ltr" | "rtl";
}

const ACTIONS = ["update", "conflict", "unmatched", "skipped", "unchanged"] as const;

/** Upload a translated XLIFF, preview what it would change, apply it. */
export function XliffImport({ slug, target, canApprove, editorHref }: { slug: string; target: Lang; canApprove: boolean; editorHref: string }) {
  const { t, i18n } = useTranslation("exchange");
  const message = useErrorMessage();
  const hydrated = useHydrated();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Report | null>(null);
  const [result, setResult] = useState<Report | null>(null);
  const [error, setError] = useState<{ text: string; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [override, setOverride] = useState("");
  const [showAll, setShowAll] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // A file chosen before the page's script ran (a slow connection) fired its change event before
  // React listened: take it from the input once hydrated.
  useEffect(() => {
    if (hydrated) setFile((current) => current ?? fileInput.current?.files?.[0] ?? null);
  }, [hydrated]);
  // Browsers without Sorani locale data drop "-u-nu-arab" with the locale: the numbering system is also given as an option.
  const digits = isLanguageCode(i18n.language) ? getLanguage(i18n.language).digits : "latn";
  const n = (v: number) => new Intl.NumberFormat(isLanguageCode(i18n.language) ? intlLocale(i18n.language) : undefined, { numberingSystem: digits }).format(v);
  const num = <T extends Record<string, unknown>>(values: T) => ({ ...values, formatParams: Object.fromEntries(Object.keys(values).map((k) => [k, { numberingSystem: digits }])) });

  async function send(dryRun: boolean, expect?: string): Promise<Report | null> {
    if (!file) return null;
    const query = new URLSearchParams({ lang: target.code, filename: file.name, dryRun: dryRun ? "1" : "0" });
    if (override.trim()) query.set("qaOverride", override.trim());
    if (expect) query.set("expect", expect);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/documents/${encodeURIComponent(slug)}/xliff?${query}`, {
        method: "POST",
        body: file,
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/xliff+xml" },
      });
      const body = (await response.json().catch(() => ({}))) as { report?: Report; error?: { code: string; message: string; details?: { report?: Report } } };
      if (!response.ok || !body.report) {
        const err = new ApiClientError((body.error?.code ?? "internal") as never, body.error?.message ?? "", response.status);
        setError({ text: message(err), ...(body.error?.message ? { detail: body.error.message } : {}) });
        // A plan that changed since the preview: show the new one.
        if (body.error?.details?.report) setPreview(body.error.details.report);
        return null;
      }
      return body.report;
    } catch (e) {
      setError({ text: message(e) });
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function onPreview(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setResult(null);
    setPreview(await send(true));
  }

  async function onApply() {
    if (!preview) return;
    const report = await send(false, preview.planHash);
    if (report) {
      setResult(report);
      setPreview(null);
    }
  }

  const report = result ?? preview;
  const rows = report ? report.units.filter((u) => showAll || u.action !== "unchanged") : [];
  const hasQa = !!report?.units.some((u) => u.reason === "qa");
  const text = (value: string | undefined) =>
    value === undefined ? null : (
      <span lang={target.bcp47} dir={target.dir}>
        {value}
      </span>
    );

  return (
    <div data-testid="xliff-import">
      <form className="form" onSubmit={onPreview}>
        <label>
          {t("import.file")}
          <input
            type="file"
            name="file"
            required
            accept=".xlf,.xliff,.sdlxliff,.xml,application/xliff+xml,application/xml"
            data-testid="xliff-file"
            ref={fileInput}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPreview(null);
              setResult(null);
              setError(null);
            }}
          />
        </label>
        {canApprove && hasQa && (
          <label>
            {t("import.override")}
            <input type="text" value={override} maxLength={1000} onChange={(e) => setOverride(e.currentTarget.value)} data-testid="xliff-override" />
            <span className="hint">{t("import.overrideHint")}</span>
          </label>
        )}
        <button type="submit" disabled={!hydrated || busy || !file} data-testid="xliff-preview">
          {canApprove && hasQa && override.trim() ? t("import.previewOverride") : t("import.preview")}
        </button>{" "}
        {preview && preview.counts.update > 0 && (
          <button type="button" onClick={onApply} disabled={!hydrated || busy} data-testid="xliff-apply">
            {t("import.apply")}
          </button>
        )}
        {busy && (
          <span role="status" className="muted">
            {" "}
            {t("import.working")}
          </span>
        )}
      </form>

      {error && (
        <p role="alert" className="form-error" data-testid="xliff-error">
          {error.text}
          {error.detail && (
            <>
              {" "}
              <span lang="en" dir="ltr">
                {error.detail}
              </span>
            </>
          )}
        </p>
      )}

      {report && (
        <section data-testid={result ? "xliff-result" : "xliff-summary"} data-applied={report.applied ? "true" : "false"}>
          <p role="status" className={result ? "form-success" : undefined}>
            {result ? t("import.applied", num({ count: report.counts.update })) : report.counts.update > 0 ? t("import.previewed") : t("import.nothing")}{" "}
            <span className="muted">
              (<bdi dir="ltr">{report.filename}</bdi>, <bdi>{t("import.format", { version: report.format.version })}</bdi>
              {report.format.producer && <>, {t("import.producer", { producer: report.format.producer })}</>}
              )
            </span>
          </p>
          <ul>
            {ACTIONS.map((a) => (
              <li key={a} data-testid={`xliff-count-${a}`}>
                {t(`counts.${a}`)}: {n(report.counts[a])}
              </li>
            ))}
          </ul>
          {report.problems.length > 0 && (
            <details>
              <summary>{t("import.problems", num({ count: report.problems.length }))}</summary>
              <ol>
                {report.problems.map((p, i) => (
                  <li key={i}>
                    {p.line !== undefined && <>{t("import.line", num({ line: p.line }))}: </>}
                    <span lang="en" dir="ltr">
                      {p.message}
                    </span>
                  </li>
                ))}
              </ol>
            </details>
          )}
          <p>
            <label>
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} data-testid="xliff-show-all" /> {t("import.showAll")}
            </label>{" "}
            <span className="muted">{t("import.unchanged", num({ count: report.counts.unchanged }))}</span>
          </p>
          {rows.length > 0 && (
            <table className="data-table" data-testid="xliff-table">
              <thead>
                <tr>
                  <th scope="col">{t("table.unit")}</th>
                  <th scope="col">{t("table.action")}</th>
                  <th scope="col">{t("table.current")}</th>
                  <th scope="col">{t("table.new")}</th>
                  <th scope="col">{t("table.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u, i) => (
                  <tr key={`${u.unit}-${i}`} data-testid="xliff-row" data-unit={u.unit} data-action={u.action} data-reason={u.reason ?? ""}>
                    <td>
                      {u.segmentId ? (
                        <a href={`${editorHref}?segment=${encodeURIComponent(u.unit)}`}>
                          <bdi dir="ltr">{u.unit}</bdi>
                        </a>
                      ) : (
                        <bdi dir="ltr">{u.unit}</bdi>
                      )}
                      <br />
                      <span className="muted">{t("import.line", num({ line: u.line }))}</span>
                    </td>
                    <td>{t(`action.${u.action}`)}</td>
                    <td data-testid="xliff-current">
                      {u.current && u.current.text !== "" && text(u.current.text)}
                      {u.current && (
                        <>
                          <br />
                          <span className="muted">{t(`status.${u.current.status}`)}</span>
                        </>
                      )}
                    </td>
                    <td data-testid="xliff-new">
                      {u.next && text(u.next.text)}
                      {u.next && (
                        <>
                          <br />
                          <span className="muted">{t(`status.${u.next.status}`)}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {u.reason && <strong>{t(`reason.${u.reason}`)}</strong>}
                      {u.message && (
                        <>
                          {" "}
                          <span lang="en" dir="ltr" className="muted">
                            {u.message}
                          </span>
                        </>
                      )}
                      {u.notes.map((note) => (
                        <span key={note} className="hint" data-note={note}>
                          {" "}
                          {t(`note.${note}`)}
                        </span>
                      ))}
                      {u.issues && u.issues.length > 0 && (
                        <ul>
                          {u.issues.map((issue, j) => (
                            <li key={j}>{issue.message}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result && (
            <p>
              <a href={editorHref} data-testid="xliff-back-to-editor">
                {t("back")}
              </a>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
