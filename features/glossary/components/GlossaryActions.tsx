"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { apiFetch } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import { LanguageOptions } from "@/lib/i18n/LanguageOptions";
import { conceptIdFrom } from "../concept-id";

type Status = { kind: "ok" | "error"; text: string } | null;

function TermTypeSelect() {
  const { t } = useTranslation("glossary");
  return (
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
  );
}

/** The end of a proposal form: a comment for the reviewer, the outcome, and the submit button. */
function ProposalFooter({ status, testId }: { status: Status; testId: string }) {
  const { t } = useTranslation("glossary");
  const hydrated = useHydrated();
  return (
    <>
      <label>
        {t("propose.comment")}
        <input name="comment" dir="auto" />
      </label>
      {status && (
        <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "form-error" : "form-success"} data-testid={`${testId}-status`}>
          {status.text}
        </p>
      )}
      <button type="submit" disabled={!hydrated} data-testid={`${testId}-submit`}>
        {t("propose.submit")}
      </button>
    </>
  );
}

/** A translator proposes a term for this concept in one of their languages. */
export function ProposeTermForm({ conceptId, languages }: { conceptId: string; languages: readonly { code: string; nativeName: string; bcp47: string; dir: "ltr" | "rtl" }[] }) {
  const { t } = useTranslation("glossary");
  const message = useErrorMessage();
  const router = useRouter();
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
      <TermTypeSelect />
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
      <ProposalFooter status={status} testId="propose" />
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

type Lang = { code: string; nativeName: string; bcp47: string; dir: "ltr" | "rtl" };

/** Subject choices: the newsroom's list, plus the concept's own subject when it came from an import. */
function SubjectOptions({ subjects }: { subjects: readonly string[] }) {
  const { t } = useTranslation("glossary");
  return subjects.map((s) => (
    <option key={s} value={s}>
      {t(`subjects.${s}`, { defaultValue: s })}
    </option>
  ));
}

/** An admin edits a concept's subject, definition and note. */
export function EditConceptForm({ concept, subjects }: { concept: { id: string; subject: string; definition: string; note: string | null; updatedAt: string }; subjects: readonly string[] }) {
  const { t } = useTranslation("glossary");
  const message = useErrorMessage();
  const router = useRouter();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    try {
      await apiFetch(`/api/v1/glossary/concepts/${encodeURIComponent(concept.id)}`, {
        method: "PATCH",
        json: { subject: String(f.get("subject")), definition: String(f.get("definition") ?? ""), note: String(f.get("note") ?? "") || null, baseUpdatedAt: concept.updatedAt },
      });
      setStatus({ kind: "ok", text: t("edit.done") });
      setOpen(false);
      router.refresh();
    } catch (e) {
      setStatus({ kind: "error", text: message(e) });
    }
  }

  const choices = subjects.includes(concept.subject) ? subjects : [...subjects, concept.subject];
  return (
    <div data-testid="concept-edit">
      {status && (
        <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "form-error" : "form-success"} data-testid="concept-edit-status">
          {status.text}
        </p>
      )}
      {open ? (
        <form method="post" className="form" onSubmit={onSubmit}>
          <label>
            {t("subject")}
            <select name="subject" defaultValue={concept.subject}>
              <SubjectOptions subjects={choices} />
            </select>
          </label>
          <label>
            {t("definition")} <span className="muted">({t("inEnglish")})</span>
            <textarea name="definition" required rows={3} lang="en" dir="ltr" defaultValue={concept.definition} data-testid="concept-definition" />
          </label>
          <label>
            {t("note")} <span className="muted">({t("inEnglish")})</span>
            <textarea name="note" rows={2} lang="en" dir="ltr" defaultValue={concept.note ?? ""} />
          </label>
          <button type="submit" data-testid="concept-save">
            {t("edit.save")}
          </button>{" "}
          <button type="button" onClick={() => setOpen(false)}>
            {t("edit.cancel")}
          </button>
        </form>
      ) : (
        <button type="button" disabled={!hydrated} onClick={() => setOpen(true)} data-testid="concept-edit-open">
          {t("edit.open")}
        </button>
      )}
    </div>
  );
}

/**
 * Proposes a new concept: its English name, definition and subject, and its term in one of the
 * proposer's languages. Prefilled from a selection when proposed from the editor.
 */
export function ProposeConceptForm({
  languages,
  subjects,
  initial,
  existing,
  onDone,
}: {
  languages: readonly Lang[];
  subjects: readonly string[];
  initial?: { english?: string; term?: string; lang?: string };
  /** Concepts the proposal may belong to instead (those found in the segment, when proposing from the editor). */
  existing?: readonly { conceptId: string; name: string }[];
  onDone?(): void;
}) {
  const { t } = useTranslation("glossary");
  const message = useErrorMessage();
  const router = useRouter();
  const [lang, setLang] = useState(initial?.lang ?? languages[0]?.code ?? "");
  const [english, setEnglish] = useState(initial?.english ?? "");
  const [target, setTarget] = useState<string>("new");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const current = languages.find((l) => l.code === lang);
  const isNew = target === "new";
  const conceptId = conceptIdFrom(english);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const term = { text: String(f.get("term") ?? ""), type: String(f.get("type")) };
    const comment = String(f.get("comment") ?? "") || undefined;
    try {
      if (isNew && !conceptId) throw new Error("no id");
      await apiFetch(`/api/v1/glossary/${lang}/terms`, {
        method: "POST",
        json: isNew
          ? { concept: { id: conceptId, subject: String(f.get("subject")), definition: String(f.get("definition") ?? ""), english: { text: english } }, term: lang === "en" ? { text: english } : term, comment }
          : { conceptId: target, term, comment },
      });
      form.reset();
      setEnglish("");
      setStatus({ kind: "ok", text: t("propose.done") });
      if (onDone) onDone();
      else router.refresh();
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error && e.message === "no id" ? t("propose.needEnglish") : message(e) });
    }
  }

  return (
    <form method="post" className="form" onSubmit={onSubmit} data-testid="propose-concept-form">
      {existing && existing.length > 0 && (
        <label>
          {t("propose.concept")}
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="propose-concept-target">
            <option value="new">{t("propose.newConcept")}</option>
            {existing.map((c) => (
              <option key={c.conceptId} value={c.conceptId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {isNew && (
        <>
          <label>
            {t("propose.english")}
            <input value={english} onChange={(e) => setEnglish(e.target.value)} required lang="en" dir="ltr" data-testid="propose-english" />
          </label>
          {conceptId && (
            <p className="muted">
              {t("propose.conceptId")}: <code>{conceptId}</code>
            </p>
          )}
          <label>
            {t("subject")}
            <select name="subject" defaultValue="phrase">
              <SubjectOptions subjects={subjects} />
            </select>
          </label>
          <label>
            {t("definition")} <span className="muted">({t("inEnglish")})</span>
            <textarea name="definition" required rows={2} lang="en" dir="ltr" data-testid="propose-definition" />
          </label>
        </>
      )}
      <label>
        {t("language")}
        <select value={lang} onChange={(e) => setLang(e.target.value)} name="lang">
          <LanguageOptions languages={languages} />
        </select>
      </label>
      {lang !== "en" || !isNew ? (
        <>
          <label>
            {t("propose.term")}
            <input name="term" required defaultValue={initial?.term ?? ""} lang={current?.bcp47} dir={current?.dir} data-testid="propose-term" />
          </label>
          <TermTypeSelect />
        </>
      ) : null}
      <ProposalFooter status={status} testId="propose-concept" />
    </form>
  );
}
