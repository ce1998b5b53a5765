"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { formatNumber, uiLanguage } from "@/lib/i18n/languages";
import { ApiClientError } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";

interface Summary {
  dryRun: boolean;
  units: number;
  added: Record<string, number>;
  duplicates: number;
  skippedLanguages: Record<string, number>;
  withoutSource: number;
  warnings: { line?: number; message: string }[];
}

type Line = { type: "progress"; phase?: "upload" | "parse" | "write"; bytes: number; total?: number; units: number } | { type: "done"; summary: Summary } | { type: "error"; status: number; error: { code: string; message: string } };

/** An admin imports a TMX file; the server streams its progress while it reads the file. */
export function TmxImportForm() {
  const { t, i18n } = useTranslation("tm");
  const message = useErrorMessage();
  const router = useRouter();
  const hydrated = useHydrated();
  const [progress, setProgress] = useState<{ bytes: number; total: number; units: number } | null>(null);
  const [result, setResult] = useState<{ summary?: Summary; error?: string; detail?: string; progressLines?: number } | null>(null);
  const n = (v: number) => formatNumber(uiLanguage(i18n.language), v);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    const dryRun = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "check";
    setResult(null);
    setProgress({ bytes: 0, total: file.size, units: 0 });
    try {
      const response = await fetch(`/api/v1/tm/import?${new URLSearchParams({ filename: file.name, dryRun: dryRun ? "1" : "0" })}`, {
        method: "POST",
        body: file,
        credentials: "same-origin",
        headers: { accept: "application/x-ndjson", "content-type": "application/xml" },
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
        throw new ApiClientError((body.error?.code ?? "internal") as never, body.error?.message ?? "", response.status);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let progressLines = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as Line;
          buffer = buffer.slice(nl + 1);
          if (line.type === "progress") {
            progressLines++;
            // One bar for the whole import: the upload fills its first half, the parsing its second.
            const total = line.total ?? file.size;
            const bytes = line.phase === "upload" ? line.bytes / 2 : line.phase === "parse" ? total / 2 + line.bytes / 2 : line.phase === "write" ? total : line.bytes;
            setProgress({ bytes, total, units: line.units });
          } else if (line.type === "done") setResult({ summary: line.summary, progressLines });
          else setResult({ error: message(new ApiClientError(line.error.code as never, line.error.message, line.status)), detail: line.error.message });
        }
      }
      if (!dryRun) router.refresh();
    } catch (err) {
      setResult({ error: message(err) });
    } finally {
      setProgress(null);
    }
  }

  const s = result?.summary;
  return (
    <form method="post" className="form" onSubmit={onSubmit} data-testid="tmx-import">
      <label>
        {t("import.file")}
        <input type="file" name="file" required accept=".tmx,.xml,application/xml" data-testid="tmx-file" />
      </label>
      <button type="submit" value="check" disabled={!hydrated || progress !== null} data-testid="tmx-check">
        {t("import.check")}
      </button>{" "}
      <button type="submit" value="import" disabled={!hydrated || progress !== null} data-testid="tmx-run">
        {t("import.run")}
      </button>
      {progress && (
        <p role="status">
          <progress max={progress.total || 1} value={progress.bytes} data-testid="tmx-progress" /> {t("import.reading", { units: n(progress.units) })}
        </p>
      )}
      {s && (
        <div role="status" className="form-success" data-testid="tmx-summary" data-progress-lines={result?.progressLines ?? 0}>
          <p>{s.dryRun ? t("import.checked") : t("import.done")}</p>
          <ul>
            <li>{t("import.units")}: {n(s.units)}</li>
            {Object.entries(s.added).map(([pair, count]) => (
              <li key={pair} data-testid={`tmx-added-${pair.replace(">", "-")}`}>
                {t("import.added", { pair: pair.replace(">", " → ") })}: {n(count)}
              </li>
            ))}
            <li>{t("import.duplicates")}: {n(s.duplicates)}</li>
            {Object.keys(s.skippedLanguages).length > 0 && (
              <li>
                {t("import.skipped")}: <span dir="ltr">{Object.entries(s.skippedLanguages).map(([lang, count]) => `${lang} (${n(count)})`).join(", ")}</span>
              </li>
            )}
          </ul>
          {s.warnings.length > 0 && (
            <details>
              <summary>{t("import.warnings", { count: s.warnings.length })}</summary>
              <ol lang="en" dir="ltr">
                {s.warnings.map((w, i) => (
                  <li key={i}>
                    {w.line !== undefined && `${w.line}: `}
                    {w.message}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      )}
      {result?.error && (
        <p role="alert" className="form-error" data-testid="tmx-error">
          {result.error}
          {result.detail && (
            <>
              {" "}
              <span lang="en" dir="ltr">
                {result.detail}
              </span>
            </>
          )}
        </p>
      )}
    </form>
  );
}
