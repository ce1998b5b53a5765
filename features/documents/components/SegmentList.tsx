"use client";

import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { SEGMENT_KINDS } from "@/lib/db/schema";
import type { BlockKind } from "../blocks";
import { type DraftSegment, mergeWithNext, setKind, splitAt, validateSegments } from "../segmentation";

/**
 * The segments of a story before they are saved: each with its kind (which can
 * be changed), merge with the next one, and split at the cursor. The text
 * itself is the newsroom's and is read-only here.
 */
export function SegmentList({ segments, onChange, disabled = false }: { segments: readonly DraftSegment[]; onChange(next: DraftSegment[]): void; disabled?: boolean }) {
  const { t } = useTranslation("documents");
  const areas = useRef(new Map<number, HTMLTextAreaElement>());
  const problems = validateSegments(segments);
  return (
    <div className="doc-segments">
      <p data-testid="segment-count">{t("segments.count", { count: segments.length })}</p>
      <p className="hint">{t("segments.hint")}</p>
      {problems.length > 0 && (
        <ul className="form-error" role="alert" data-testid="segment-problems">
          {problems.map((p, i) => (
            <li key={i}>{t(`segments.problems.${p.code}`, { number: (p.index ?? 0) + 1 })}</li>
          ))}
        </ul>
      )}
      <ol className="doc-segment-list" data-testid="segment-list">
        {segments.map((s, i) => (
          <li key={`${i}-${s.text.length}-${s.kind}`} className={`doc-segment kind-${s.kind}`} data-testid="preview-segment" data-kind={s.kind}>
            <div className="doc-segment-head">
              <span className="doc-segment-number">{i + 1}</span>
              <label>
                <span className="visually-hidden">{t("segments.kindLabel", { number: i + 1 })}</span>
                <select value={s.kind} disabled={disabled} onChange={(e) => onChange(setKind(segments, i, e.target.value as BlockKind))} data-testid="segment-kind">
                  {SEGMENT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={disabled} onClick={() => onChange(splitAt(segments, i, areas.current.get(i)?.selectionStart ?? 0))} data-testid="segment-split">
                {t("segments.split")}
              </button>
              {i + 1 < segments.length && (
                <button type="button" disabled={disabled} onClick={() => onChange(mergeWithNext(segments, i))} data-testid="segment-merge">
                  {t("segments.merge")}
                </button>
              )}
            </div>
            <label>
              <span className="visually-hidden">{t("segments.textLabel", { number: i + 1 })}</span>
              <textarea
                ref={(el) => {
                  if (el) areas.current.set(i, el);
                  else areas.current.delete(i);
                }}
                readOnly
                value={s.text}
                lang="en"
                dir="ltr"
                rows={Math.max(1, Math.ceil(s.text.length / 90))}
                data-testid="segment-text"
              />
            </label>
          </li>
        ))}
      </ol>
    </div>
  );
}
