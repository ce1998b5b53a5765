"use client";

import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import { documentsApi, formatOfFile, type PreviewResult, type SourceChoice } from "../api";
import { ErrorNotice } from "./ErrorNotice";

/**
 * Paste or upload an English story (.txt, .md, .html, .docx), optionally split
 * paragraphs into sentences, and get its segments from the server.
 */
export function SourceForm({ onPreview, submitLabel }: { onPreview(result: PreviewResult): void; submitLabel: string }) {
  const { t } = useTranslation("documents");
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fileError, setFileError] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    const sentences = form.get("sentences") === "on";
    let source: SourceChoice;
    if (file instanceof File && file.size > 0) {
      const format = formatOfFile(file.name);
      if (!format) {
        setFileError(true);
        return;
      }
      source = { kind: "file", file, format };
    } else {
      const text = String(form.get("text") ?? "");
      if (!text.trim()) return;
      source = { kind: "text", text, format: String(form.get("format") ?? "txt") as "txt" | "md" | "html" };
    }
    setFileError(false);
    setError(null);
    setBusy(true);
    try {
      onPreview(await documentsApi.preview(source, sentences));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form doc-source-form" onSubmit={submit} data-testid="source-form">
      <label>
        {t("source.paste")}
        <textarea name="text" rows={10} lang="en" dir="ltr" data-testid="source-text" />
      </label>
      <label>
        {t("source.format")}
        <select name="format" defaultValue="txt" data-testid="source-format">
          {(["txt", "md", "html"] as const).map((f) => (
            <option key={f} value={f}>
              {t(`source.formats.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("source.file")}
        <input type="file" name="file" accept=".txt,.md,.markdown,.html,.htm,.docx,text/plain,text/markdown,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document" data-testid="source-file" />
      </label>
      <p className="hint">{t("source.fileHint")}</p>
      <label className="checkbox">
        <input type="checkbox" name="sentences" data-testid="source-sentences" /> {t("source.sentences")}
      </label>
      <button type="submit" disabled={!hydrated || busy} data-testid="source-preview">
        {busy ? t("source.reading") : submitLabel}
      </button>
      {fileError && (
        <p role="alert" className="form-error" data-testid="source-error">
          {t("source.unknownFile")}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} testId="source-error" />}
    </form>
  );
}
