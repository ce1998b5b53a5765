"use client";

import { memo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import type { GlossaryLookup } from "@/features/glossary/schemas";
import type { DraftStore } from "../draft-store";
import type { WorkbenchSegment } from "../schemas";
import { statusOf } from "../workbench";
import { useDraft } from "../hooks/useDraft";
import type { PresenceEntry } from "../hooks/useLiveUpdates";
import type { LangInfo } from "./lang";
import { SourceChange } from "./SourceChange";

export interface RowProps {
  segment: WorkbenchSegment;
  number: number;
  active: boolean;
  store: DraftStore;
  source: LangInfo;
  target: LangInfo;
  canEdit: boolean;
  canApprove: boolean;
  here: PresenceEntry[] | undefined;
  onActivate(id: string): void;
  onConfirm(s: WorkbenchSegment): void;
  onCopySource(s: WorkbenchSegment): void;
  onReview(segment: WorkbenchSegment, decision: "approve" | "reject", comment?: string): void;
  onTyping(segmentId: string): void;
  highlights?: GlossaryLookup["concepts"];
}

/** One segment: source beside target, with status; the active one is editable. */
export const SegmentRow = memo(function SegmentRow({ segment, number, active, store, source, target, canEdit, canApprove, here, onActivate, onConfirm, onCopySource, onReview, onTyping, highlights }: RowProps) {
  const { t } = useTranslation("workbench");
  const draft = useDraft(store, segment.id);
  const status = statusOf(segment);
  const text = draft?.text ?? segment.translation?.text ?? "";
  const [rejecting, setRejecting] = useState(false);
  const hydrated = useHydrated();
  const server = segment.translation ? { text: segment.translation.text, status: segment.translation.status, version: segment.translation.version } : null;
  // Counts this row's renders, so tests can check that typing re-renders one row only.
  const renders = useRef(0);
  renders.current++;
  return (
    <div
      data-renders={renders.current}
      className={`wb-row status-${status}${active ? " active" : ""}`}
      data-testid={`segment-${segment.key}`}
      data-segment-id={segment.id}
      data-status={status}
      onClick={() => !active && onActivate(segment.id)}
    >
      <div className="wb-num">{number}</div>
      <div className="wb-source" lang={source.bcp47} dir={source.dir} data-source-of={segment.id}>
        {highlights?.length ? <Highlighted text={segment.source} concepts={highlights} /> : segment.source}
      </div>
      <div className="wb-target">
        {active && canEdit ? (
          <textarea
            data-editor={segment.id}
            data-testid="target-editor"
            lang={target.bcp47}
            dir={target.dir}
            value={text}
            disabled={!hydrated}
            aria-label={t("editor.targetLabel", { number })}
            rows={Math.max(3, Math.ceil(segment.source.length / 70))}
            onChange={(e) => {
              store.edit(segment.id, e.target.value, server);
              onTyping(segment.id);
            }}
          />
        ) : (
          <div className="wb-target-text" lang={target.bcp47} dir={target.dir} data-testid="target-text" tabIndex={active ? 0 : -1}>
            {text}
          </div>
        )}
        {active && (
          <div className="wb-actions">
            {canEdit && (
              <>
                <button type="button" data-testid="confirm" disabled={!hydrated || !text.trim()} onClick={(e) => {
                  e.stopPropagation();
                  onConfirm(segment);
                }}>
                  {t("editor.confirm")} <kbd>Ctrl+Enter</kbd>
                </button>
                <button type="button" data-testid="copy-source" onClick={(e) => {
                  e.stopPropagation();
                  onCopySource(segment);
                }}>
                  {t("editor.copySource")} <kbd>Ctrl+Insert</kbd>
                </button>
              </>
            )}
            {canApprove && segment.translation && status !== "approved" && !draft?.state.match(/dirty|saving|offline|conflict/) && (
              <button type="button" data-testid="approve" onClick={(e) => {
                e.stopPropagation();
                onReview(segment, "approve");
              }}>
                {t("editor.approve")}
              </button>
            )}
            {canApprove && segment.translation && (
              rejecting ? (
                <form
                  className="wb-reject"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const comment = String(new FormData(e.currentTarget).get("comment") ?? "").trim();
                    if (comment) {
                      onReview(segment, "reject", comment);
                      setRejecting(false);
                    }
                  }}
                >
                  <label>
                    <span className="visually-hidden">{t("editor.rejectReason")}</span>
                    <input name="comment" placeholder={t("editor.rejectReason")} required dir="auto" data-testid="reject-reason" />
                  </label>
                  <button type="submit" data-testid="reject-send">{t("editor.rejectSend")}</button>
                  <button type="button" onClick={() => setRejecting(false)}>{t("editor.cancel")}</button>
                </form>
              ) : (
                <button type="button" data-testid="reject" onClick={(e) => {
                  e.stopPropagation();
                  setRejecting(true);
                }}>
                  {t("editor.reject")}
                </button>
              )
            )}
            {!canEdit && <span className="muted">{t("editor.readOnly")}</span>}
          </div>
        )}
      </div>
      <div className="wb-meta">
        <span className={`wb-status status-${status}`} data-testid="status">
          {t(`status.${status}`)}
        </span>
        {segment.translation?.outdated && <span className="wb-outdated">{t("outdated")}</span>}
        {draft && draft.state !== "saved" && draft.state !== "idle" && (
          <span className={`wb-save save-${draft.state}`} data-testid="save-state">
            {draft.state === "saving" ? t("editor.saving") : t("editor.unsaved")}
          </span>
        )}
        {draft?.state === "saved" && (
          <span className="wb-save save-saved" data-testid="save-state">
            {t("editor.saved")}
          </span>
        )}
        {segment.openThreads > 0 && <span className="wb-comments" aria-label={t("panel.comments")}>💬 {segment.openThreads}</span>}
        {here?.map((p) => (
          <span key={p.userId} className={`wb-presence${p.editing ? " editing" : ""}`} data-testid="presence" data-editing={p.editing ? "true" : undefined} title={t("editor.editingNow", { name: p.name })}>
            {p.editing && <span aria-hidden="true">✎ </span>}
            {p.name}
          </span>
        ))}
      </div>
      {segment.translation?.outdated && segment.translation.previousSource != null && (
        <SourceChange before={segment.translation.previousSource} after={segment.source} lang={source.bcp47} dir={source.dir} />
      )}
    </div>
  );
});

/** Source text with its glossary terms marked (present in the target, or missing). */
function Highlighted({ text, concepts }: { text: string; concepts: GlossaryLookup["concepts"] }) {
  const spans = concepts.flatMap((c) => c.sourceMatches.map((m) => ({ ...m, concept: c }))).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={s.start} className={`wb-term${s.concept.present ? " present" : " missing"}`} data-testid="source-term" data-concept={s.concept.conceptId} title={s.concept.targetTerms.find((t) => t.usage !== "forbidden")?.text ?? s.concept.definition}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
