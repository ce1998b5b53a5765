"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { findLanguage, formatNumber, textAttrs, uiLanguage, type LanguageCode } from "@/lib/i18n/languages";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";

interface Summary {
  dryRun: boolean;
  fileName: string;
  conceptsCreated: number;
  conceptsMatched: number;
  termsAdded: number;
  termsPresent: number;
  languageNotes?: { tag: string; lang: string; terms: number; message: string }[];
}
interface Problem {
  line?: number;
  entry?: string;
  field?: string;
  message: string;
}

/** An admin imports a TBX or CSV glossary: first checked (nothing written), then imported all or nothing. */
export function GlossaryImportForm() {
  const { t, i18n } = useTranslation("glossary");
  const message = useErrorMessage();
  const router = useRouter();
  const hydrated = useHydrated();
  const [result, setResult] = useState<{ summary?: Summary; problems?: Problem[]; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const n = (v: number) => formatNumber(uiLanguage(i18n.language), v);

  async function send(form: HTMLFormElement, dryRun: boolean) {
    const f = new FormData(form);
    const file = f.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    const format = /\.csv$/i.test(file.name) ? "csv" : "tbx";
    const query = new URLSearchParams({ format, status: String(f.get("status")), filename: file.name, dryRun: dryRun ? "1" : "0" });
    setBusy(true);
    try {
      const summary = await apiFetch<Summary>(`/api/v1/glossary/import?${query}`, { method: "POST", body: file, headers: { "content-type": format === "csv" ? "text/csv" : "application/xml" } });
      setResult({ summary });
      if (!dryRun) router.refresh();
    } catch (e) {
      const problems = e instanceof ApiClientError ? (e.details as { problems?: Problem[] } | undefined)?.problems : undefined;
      setResult(problems ? { problems } : { error: message(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      method="post"
      className="form"
      data-testid="glossary-import"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const dryRun = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") !== "import";
        void send(e.currentTarget, dryRun);
      }}
      onChange={() => setResult(null)}
    >
      <label>
        {t("transfer.file")}
        <input type="file" name="file" required accept=".tbx,.xml,.csv,application/xml,text/csv" data-testid="glossary-import-file" />
      </label>
      <label>
        {t("transfer.status")}
        <select name="status" defaultValue="proposed">
          <option value="proposed">{t("transfer.statusProposed")}</option>
          <option value="approved">{t("transfer.statusApproved")}</option>
        </select>
      </label>
      <button type="submit" value="check" disabled={!hydrated || busy} data-testid="glossary-import-check">
        {t("transfer.check")}
      </button>{" "}
      <button type="submit" value="import" disabled={!hydrated || busy || !result?.summary?.dryRun} data-testid="glossary-import-run">
        {t("transfer.run")}
      </button>
      {result?.summary && (
        <div role="status" className="form-success" data-testid="glossary-import-summary">
          <p>{result.summary.dryRun ? t("transfer.checked") : t("transfer.imported")}</p>
          <ul>
            <li>{t("transfer.conceptsCreated")}: {n(result.summary.conceptsCreated)}</li>
            <li>{t("transfer.conceptsMatched")}: {n(result.summary.conceptsMatched)}</li>
            <li>{t("transfer.termsAdded")}: {n(result.summary.termsAdded)}</li>
            <li>{t("transfer.termsPresent")}: {n(result.summary.termsPresent)}</li>
          </ul>
          {result.summary.languageNotes?.map((note) => {
            const language = findLanguage(note.lang);
            return (
              <p key={`${note.tag}:${note.lang}`} data-testid="glossary-import-language-note">
                {t("transfer.readAs", { count: note.terms, tag: note.tag })}
                {language && <span {...textAttrs(language.code as LanguageCode)}>{language.nativeName}</span>}
              </p>
            );
          })}
        </div>
      )}
      {result?.problems && (
        <div role="alert" className="form-error" data-testid="glossary-import-problems">
          <p>{t("transfer.problems", { count: result.problems.length })}</p>
          <ol>
            {result.problems.map((p, i) => (
              <li key={i}>
                {p.line !== undefined && <>{t("transfer.line", { line: p.line })}: </>}
                {p.entry && <code>{p.entry}</code>} <span lang="en" dir="ltr">{p.message}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {result?.error && (
        <p role="alert" className="form-error">
          {result.error}
        </p>
      )}
    </form>
  );
}
