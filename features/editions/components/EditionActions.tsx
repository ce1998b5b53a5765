"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { apiFetch } from "@/lib/api/client";
import { ErrorNotice } from "@/features/documents/components/ErrorNotice";

/** Publish (or publish an update, with an optional public correction note) and unpublish one edition. */
export function EditionActions({ slug, lang, published, canPublish, canUnpublish, complete }: { slug: string; lang: string; published: boolean; canPublish: boolean; canUnpublish: boolean; complete: boolean }) {
  const { t } = useTranslation("workbench");
  const router = useRouter();
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const base = `/api/v1/documents/${encodeURIComponent(slug)}/editions/${encodeURIComponent(lang)}`;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await action();
      setDone(true);
      setNote("");
      setReason("");
      router.refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="edition-actions">
      {canPublish && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => apiFetch(base, { method: "POST", json: note.trim() ? { correctionNote: note.trim() } : {} }));
          }}
        >
          {published && (
            <label>
              {t("edition.correctionNote")}
              <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} rows={2} lang={lang} data-testid={`correction-note-${lang}`} />
            </label>
          )}
          <button type="submit" disabled={busy || !complete} data-testid={`publish-${lang}`}>
            {published ? t("edition.publishUpdate") : t("edition.publish")}
          </button>
        </form>
      )}
      {canUnpublish && published && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => apiFetch(`${base}/unpublish`, { method: "POST", json: { reason } }));
          }}
        >
          <label>
            {t("edition.unpublishReason")}
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} data-testid={`unpublish-reason-${lang}`} />
          </label>
          <button type="submit" disabled={busy} data-testid={`unpublish-${lang}`}>
            {t("edition.unpublish")}
          </button>
        </form>
      )}
      {done && (
        <p role="status" className="form-success">
          {t("edition.done")}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} testId={`edition-error-${lang}`} />}
    </div>
  );
}
