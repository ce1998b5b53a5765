"use client";

import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { splitSentences } from "@/lib/text/sentences";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import type { AlignApplyReport, AlignPreview } from "../schemas";
import { REVIEW_THRESHOLD } from "../params";
import styles from "./align.module.css";

interface LanguageInfo {
  readonly code: string;
  readonly bcp47: string;
  readonly dir: "ltr" | "rtl";
  readonly nativeName: string;
}

interface Row {
  readonly key: string;
  readonly position: number;
  readonly source: string;
  readonly text: string;
  readonly type: AlignPreview["segments"][number]["type"];
  readonly confidence: number;
  readonly current: AlignPreview["segments"][number]["current"];
  readonly baseVersion: number;
  readonly include: boolean;
}

interface Loose {
  readonly id: number;
  readonly text: string;
  /** The row it follows (null: before the first row). */
  readonly afterKey: string | null;
}

type Store = "translation" | "memory" | "both";

interface Conflict {
  readonly segmentKey: string;
  readonly current: { text: string; status: string; version: number } | null;
}

/** Below this, a row is flagged for checking (params.ts says how it was chosen). */
const LOW_CONFIDENCE = REVIEW_THRESHOLD;

const join = (a: string, b: string) => (a.trim() && b.trim() ? `${a.trim()} ${b.trim()}` : (a.trim() || b.trim()));

/**
 * A translator pastes or uploads an existing translation, corrects the proposed alignment (edit a
 * row, move sentences to the previous or next segment, merge, split at the cursor, attach the
 * sentences nothing received), chooses where to store it, and stores it.
 */
export function AlignWorkbench({ slug, uiLang, source, target }: { slug: string; uiLang: string; source: LanguageInfo; target: LanguageInfo }) {
  const { t } = useTranslation("align");
  const message = useErrorMessage();
  const hydrated = useHydrated();
  const [text, setText] = useState("");
  const [rows, setRows] = useState<Row[] | null>(null);
  const [loose, setLoose] = useState<Loose[]>([]);
  const [store, setStore] = useState<Store>("both");
  const [busy, setBusy] = useState<"align" | "store" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [report, setReport] = useState<AlignApplyReport | null>(null);
  const carets = useRef(new Map<string, number>());
  const editor = `/${uiLang}/workbench/${slug}/${target.code}`;

  async function align(e?: FormEvent) {
    e?.preventDefault();
    if (!text.trim()) return;
    setBusy("align");
    setError(null);
    setConflicts(null);
    setReport(null);
    try {
      const p = await apiFetch<AlignPreview>(`/api/v1/documents/${encodeURIComponent(slug)}/align`, { method: "POST", json: { lang: target.code, text } });
      setRows(
        p.segments.map((s) => ({
          key: s.key,
          position: s.position,
          source: s.source,
          text: s.target,
          type: s.type,
          confidence: s.confidence,
          current: s.current,
          baseVersion: s.baseVersion,
          include: s.target.trim() !== "",
        })),
      );
      setLoose(p.unaligned.map((u, id) => ({ id, text: u.text, afterKey: u.afterKey })));
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(null);
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    try {
      const content = await file.text();
      if (content.includes("\u0000")) throw new Error("binary");
      setText(content);
      setError(null);
    } catch {
      setError(t("input.fileError"));
    }
  }

  const update = (fn: (rows: Row[]) => Row[]) => setRows((r) => (r ? fn(r.map((x) => ({ ...x }))) : r));
  const setRowText = (i: number, value: string) =>
    update((r) => {
      const wasEmpty = !r[i]!.text.trim();
      r[i] = { ...r[i]!, text: value, include: wasEmpty && value.trim() ? true : r[i]!.include };
      return r;
    });
  const sentencesOf = (s: string) => splitSentences(s, target.code);

  function firstToPrevious(i: number) {
    update((r) => {
      const parts = sentencesOf(r[i]!.text);
      if (i === 0 || parts.length === 0) return r;
      const first = parts[0]!;
      const rest = r[i]!.text.slice(first.end).trim();
      r[i - 1] = { ...r[i - 1]!, text: join(r[i - 1]!.text, first.text), include: true };
      r[i] = { ...r[i]!, text: rest };
      return r;
    });
  }

  function lastToNext(i: number) {
    update((r) => {
      const parts = sentencesOf(r[i]!.text);
      if (i === r.length - 1 || parts.length === 0) return r;
      const last = parts[parts.length - 1]!;
      const rest = r[i]!.text.slice(0, last.start).trim();
      r[i + 1] = { ...r[i + 1]!, text: join(last.text, r[i + 1]!.text), include: true };
      r[i] = { ...r[i]!, text: rest };
      return r;
    });
  }

  function mergeNext(i: number) {
    update((r) => {
      if (i === r.length - 1) return r;
      r[i] = { ...r[i]!, text: join(r[i]!.text, r[i + 1]!.text), include: true };
      r[i + 1] = { ...r[i + 1]!, text: "" };
      return r;
    });
  }

  function splitAtCaret(i: number) {
    update((r) => {
      if (i === r.length - 1) return r;
      const caret = carets.current.get(r[i]!.key) ?? r[i]!.text.length;
      const before = r[i]!.text.slice(0, caret).trim();
      const after = r[i]!.text.slice(caret).trim();
      if (!after) return r;
      r[i] = { ...r[i]!, text: before };
      r[i + 1] = { ...r[i + 1]!, text: join(after, r[i + 1]!.text), include: true };
      return r;
    });
  }

  function attachLoose(item: Loose, where: "previous" | "next") {
    if (!rows) return;
    const after = item.afterKey === null ? -1 : rows.findIndex((r) => r.key === item.afterKey);
    const i = where === "previous" ? after : after + 1;
    if (i < 0 || i >= rows.length) return;
    update((r) => {
      r[i] = { ...r[i]!, text: where === "previous" ? join(r[i]!.text, item.text) : join(item.text, r[i]!.text), include: true };
      return r;
    });
    setLoose((l) => l.filter((x) => x.id !== item.id));
  }

  async function apply() {
    if (!rows) return;
    const links = rows.filter((r) => r.include && r.text.trim()).map((r) => ({ segmentKey: r.key, text: r.text.trim(), baseVersion: r.baseVersion }));
    if (links.length === 0) {
      setError(t("store.nothing"));
      return;
    }
    setBusy("store");
    setError(null);
    setConflicts(null);
    try {
      const result = await apiFetch<AlignApplyReport>(`/api/v1/documents/${encodeURIComponent(slug)}/align/apply`, { method: "POST", json: { lang: target.code, store, links } });
      setReport(result);
    } catch (err) {
      if (err instanceof ApiClientError && err.code === "version_conflict") {
        setConflicts(((err.details as { conflicts?: Conflict[] } | undefined)?.conflicts ?? []) as Conflict[]);
      } else setError(message(err));
    } finally {
      setBusy(null);
    }
  }

  function startOver() {
    setRows(null);
    setLoose([]);
    setReport(null);
    setConflicts(null);
    setError(null);
  }

  const targetAttrs = { lang: target.bcp47, dir: target.dir };
  const sourceAttrs = { lang: source.bcp47, dir: source.dir };

  if (report) {
    return (
      <section role="status" className="form-success" data-testid="align-report">
        <h2>{t("report.heading")}</h2>
        <ul>
          {report.store !== "memory" && <li data-testid="align-report-saved">{t("report.saved", { count: report.translations.saved })}</li>}
          {report.store !== "memory" && report.translations.unchanged > 0 && <li>{t("report.unchanged", { count: report.translations.unchanged })}</li>}
          {report.store !== "translation" && <li data-testid="align-report-added">{t("report.added", { count: report.memory.added })}</li>}
          {report.store !== "translation" && report.memory.duplicates > 0 && <li>{t("report.duplicates", { count: report.memory.duplicates })}</li>}
        </ul>
        <p className={styles.buttons}>
          <a href={editor} data-testid="align-open-editor">
            {t("report.open")}
          </a>
          <button type="button" onClick={startOver}>
            {t("store.again")}
          </button>
        </p>
      </section>
    );
  }

  if (!rows) {
    return (
      <form className={`form ${styles.input}`} onSubmit={align} data-testid="align-form">
        <label>
          {t("input.label", { language: target.nativeName })}
          {/* Disabled until hydrated: text typed before React takes over the field would be lost. */}
          <textarea {...targetAttrs} value={text} onChange={(e) => setText(e.currentTarget.value)} required disabled={!hydrated} data-testid="align-text" />
        </label>
        <label>
          {t("input.file")}
          <input type="file" accept=".txt,text/plain" onChange={onFile} disabled={!hydrated} data-testid="align-file" />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={!hydrated || busy !== null || !text.trim()} data-testid="align-submit">
          {busy === "align" ? t("input.working") : t("input.submit")}
        </button>
      </form>
    );
  }

  const aligned = rows.filter((r) => r.text.trim()).length;
  const toCheck = rows.filter((r) => r.confidence < LOW_CONFIDENCE && r.text.trim()).length;
  const looseAfter = (key: string | null) => loose.filter((l) => l.afterKey === key);
  const looseRow = (item: Loose) => (
    <tr key={`loose-${item.id}`} className={styles.unaligned} data-testid="align-unaligned">
      <td className={styles.number} />
      <td className={styles.source}>{t("unaligned.label")}</td>
      <td className={styles.target}>
        <p {...targetAttrs}>{item.text}</p>
        <div className={styles.actions}>
          <button type="button" onClick={() => attachLoose(item, "previous")} disabled={item.afterKey === null} data-testid="align-loose-to-previous">
            {t("unaligned.toPrevious")}
          </button>
          <button type="button" onClick={() => attachLoose(item, "next")} disabled={item.afterKey === rows[rows.length - 1]!.key} data-testid="align-loose-to-next">
            {t("unaligned.toNext")}
          </button>
        </div>
      </td>
      <td />
      <td />
    </tr>
  );

  return (
    <section data-testid="align-review" data-ready={hydrated ? "true" : "false"}>
      <h2>{t("review.heading")}</h2>
      <p className="hint">{t("review.help")}</p>
      <ul className={styles.summary}>
        <li>{t("review.aligned", { count: aligned })}</li>
        <li>{t("review.empty", { count: rows.length - aligned })}</li>
        <li data-testid="align-to-check">{t("review.toCheck", { count: toCheck })}</li>
        <li data-testid="align-unaligned-count">{t("review.unaligned", { count: loose.length })}</li>
      </ul>
      <table className={`data-table ${styles.table}`}>
        <thead>
          <tr>
            <th scope="col">{t("col.number")}</th>
            <th scope="col">{t("col.source")}</th>
            <th scope="col">{t("col.target")}</th>
            <th scope="col">{t("col.confidence")}</th>
            <th scope="col">{t("col.store")}</th>
          </tr>
        </thead>
        <tbody>
          {looseAfter(null).map(looseRow)}
          {rows.map((r, i) => {
            const low = r.text.trim() !== "" && r.confidence < LOW_CONFIDENCE;
            return [
              <tr key={r.key} className={low ? styles.low : undefined} data-testid={`align-row-${r.key}`} data-type={r.type}>
                <td className={styles.number}>{i + 1}</td>
                <td className={styles.source}>
                  <span {...sourceAttrs}>{r.source}</span>
                </td>
                <td className={styles.target}>
                  <textarea
                    {...targetAttrs}
                    aria-label={`${t("col.target")} ${i + 1}`}
                    value={r.text}
                    onChange={(e) => setRowText(i, e.currentTarget.value)}
                    onSelect={(e) => carets.current.set(r.key, e.currentTarget.selectionStart)}
                    onKeyUp={(e) => carets.current.set(r.key, e.currentTarget.selectionStart)}
                    onClick={(e) => carets.current.set(r.key, e.currentTarget.selectionStart)}
                    data-testid="align-target"
                  />
                  <div className={styles.actions}>
                    <button type="button" title={t("actions.toPreviousLabel")} aria-label={t("actions.toPreviousLabel")} onClick={() => firstToPrevious(i)} disabled={!hydrated || i === 0 || !r.text.trim()} data-testid="align-to-previous">
                      {t("actions.toPrevious")}
                    </button>
                    <button type="button" title={t("actions.toNextLabel")} aria-label={t("actions.toNextLabel")} onClick={() => lastToNext(i)} disabled={!hydrated || i === rows.length - 1 || !r.text.trim()} data-testid="align-to-next">
                      {t("actions.toNext")}
                    </button>
                    <button type="button" title={t("actions.mergeNextLabel")} aria-label={t("actions.mergeNextLabel")} onClick={() => mergeNext(i)} disabled={!hydrated || i === rows.length - 1} data-testid="align-merge-next">
                      {t("actions.mergeNext")}
                    </button>
                    <button type="button" title={t("actions.splitLabel")} aria-label={t("actions.splitLabel")} onClick={() => splitAtCaret(i)} disabled={!hydrated || i === rows.length - 1 || !r.text.trim()} data-testid="align-split">
                      {t("actions.split")}
                    </button>
                  </div>
                  {r.current && (
                    <p className={styles.current}>
                      {t("current", { status: t(`status.${r.current.status}`) })} <span {...targetAttrs}>{r.current.text}</span>
                    </p>
                  )}
                </td>
                <td className={styles.confidence} data-testid="align-confidence">
                  {t("confidence", { value: Math.round(r.confidence * 100) })}
                  {low && <span className={styles.type}>{t("lowConfidence")}</span>}
                  <span className={styles.type}>{t(`type.${r.type}`)}</span>
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={r.include}
                    aria-label={t("actions.include", { number: i + 1 })}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      update((x) => {
                        x[i] = { ...x[i]!, include: checked };
                        return x;
                      });
                    }}
                    data-testid="align-include"
                  />
                </td>
              </tr>,
              ...looseAfter(r.key).map(looseRow),
            ];
          })}
        </tbody>
      </table>
      <fieldset className={styles.store} data-testid="align-store">
        <legend>{t("store.legend")}</legend>
        {(["translation", "memory", "both"] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="align-store" value={s} checked={store === s} onChange={() => setStore(s)} data-testid={`align-store-${s}`} />
            {t(`store.${s}`)}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {conflicts && (
        <div className="form-error" role="alert" data-testid="align-conflict">
          <p>{t("conflict.message")}</p>
          <ul>
            {conflicts.map((c) => (
              <li key={c.segmentKey}>
                {t("conflict.item", { key: c.segmentKey })}{" "}
                <span {...targetAttrs}>{c.current?.text ?? "—"}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className={styles.buttons}>
        <button type="button" className={styles.primary} onClick={apply} disabled={!hydrated || busy !== null} data-testid="align-apply">
          {busy === "store" ? t("store.working") : t("store.submit")}
        </button>
        {conflicts && (
          <button type="button" onClick={() => void align()} disabled={busy !== null} data-testid="align-again">
            {t("conflict.again")}
          </button>
        )}
        <button type="button" onClick={startOver} disabled={busy !== null}>
          {t("store.again")}
        </button>
      </p>
    </section>
  );
}
