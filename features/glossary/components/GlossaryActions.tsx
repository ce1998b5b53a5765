"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { apiFetch } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import { LanguageOptions } from "@/lib/i18n/LanguageOptions";

/** A translator proposes a term for this concept in one of their languages. */
export function ProposeTermForm({ conceptId, languages }: { conceptId: string; languages: readonly { code: string; nativeName: string; bcp47: string; dir: "ltr" | "rtl" }[] }) {
  const { t } = useTranslation("glossary");
  const message = useErrorMessage();
  const router = useRouter();
  const hydrated = useHydrated();
  const [lang, setLang] = useState(languages[0]?.code ?? "");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const current = languages.find((l) => l.code === lang);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    try {
      await apiFetch(`/api/v1/glossary/${lang}/terms`, {
        method: "POST",
        json: {
          conceptId,
          term: { text: String(f.get("text") ?? ""), type: String(f.get("type")), usage: String(f.get("usage")) },
          comment: String(f.get("comment") ?? "") || undefined,
        },
      });
      form.reset();
      setStatus({ kind: "ok", text: t("propose.done") });
      router.refresh();
    } catch (e) {
      setStatus({ kind: "error", text: message(e) });
    }
  }

  return (
    <form method="post" className="form" onSubmit={onSubmit} data-testid="propose-form">
      <label>
        {t("language")}
        <select value={lang} onChange={(e) => setLang(e.target.value)} name="lang">
          <LanguageOptions languages={languages} />
        </select>
      </label>
      <label>
        {t("propose.term")}
        <input name="text" required lang={current?.bcp47} dir={current?.dir} data-testid="propose-text" />
      </label>
      <label>
        {t("propose.type")}
        <select name="type" defaultValue="fullForm">
          {(["fullForm", "abbreviation", "variant"] as const).map((x) => (
            <option key={x} value={x}>
              {t(`types.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("propose.usage")}
        <select name="usage" defaultValue="preferred">
          {(["preferred", "admitted", "forbidden"] as const).map((x) => (
            <option key={x} value={x}>
              {t(`usages.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("propose.comment")}
        <input name="comment" dir="auto" />
      </label>
      {status && (
        <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "form-error" : "form-success"} data-testid="propose-status">
          {status.text}
        </p>
      )}
      <button type="submit" disabled={!hydrated} data-testid="propose-submit">
        {t("propose.submit")}
      </button>
    </form>
  );
}

/** A reviewer approves or rejects a proposed term, or deprecates an approved one. */
export function ReviewTermButtons({ termId, lang, status }: { termId: string; lang: string; status: string }) {
  const { t } = useTranslation("glossary");
  const message = useErrorMessage();
  const router = useRouter();
  const hydrated = useHydrated();
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (decision: "approve" | "reject" | "deprecate", comment?: string) => {
    try {
      await apiFetch(`/api/v1/glossary/${lang}/terms/${termId}/review`, { method: "POST", json: { decision, comment } });
      router.refresh();
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <span className="term-review" data-testid={`review-${termId}`}>
      {status === "proposed" && (
        <>
          <button type="button" disabled={!hydrated} onClick={() => send("approve")} data-testid="term-approve">
            {t("review.approve")}
          </button>
          {rejecting ? (
            <form
              method="post"
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void send("reject", String(new FormData(e.currentTarget).get("comment") ?? ""));
              }}
            >
              <input name="comment" required placeholder={t("review.reason")} aria-label={t("review.reason")} dir="auto" />
              <button type="submit">{t("review.send")}</button>
            </form>
          ) : (
            <button type="button" disabled={!hydrated} onClick={() => setRejecting(true)} data-testid="term-reject">
              {t("review.reject")}
            </button>
          )}
        </>
      )}
      {status === "approved" && (
        <button type="button" disabled={!hydrated} onClick={() => send("deprecate")} data-testid="term-deprecate">
          {t("review.deprecate")}
        </button>
      )}
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </span>
  );
}
