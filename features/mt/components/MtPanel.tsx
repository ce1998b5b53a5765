"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiFetch } from "@/lib/api/client";
import type { SuggestOutput } from "../server/service";

/** A suggestion inserted into the editor, and where it came from (sent with the next save). */
export interface MtInsert {
  readonly text: string;
  readonly provider: string;
}

export const mtKeys = {
  suggestions: (segmentId: string, lang: string) => ["mt", "suggest", segmentId, lang] as const,
};

/** First shortcut number of MT suggestions: memory matches take Alt+Shift+1…5. */
export const MT_SHORTCUT_BASE = 6;

/**
 * Machine-translation suggestions for the active segment, below the memory
 * matches: each with its provider, what it got wrong (missing approved terms,
 * QA errors) and a button and shortcut to insert it. A failing provider says
 * which and why; the others still show. Owns its query.
 */
export function MtPanel({
  segmentId,
  source,
  sourceLang,
  target,
  canEdit,
  onInsert,
  suggestionsRef,
}: {
  segmentId: string;
  source: string;
  sourceLang: string;
  target: { code: string; bcp47: string; dir: "ltr" | "rtl" };
  canEdit: boolean;
  onInsert(insert: MtInsert): void;
  /** The editor reads the shown suggestions for its keyboard shortcuts. */
  suggestionsRef?: { current: readonly MtInsert[] };
}) {
  const { t } = useTranslation("mt");
  const { data, isLoading } = useQuery({
    queryKey: mtKeys.suggestions(segmentId, target.code),
    queryFn: () => apiFetch<SuggestOutput>("/api/v1/mt/suggest", { method: "POST", json: { sourceLang, targetLang: target.code, text: source, segmentId } }),
    staleTime: Infinity,
  });
  const suggestions = data?.suggestions ?? [];
  if (suggestionsRef) suggestionsRef.current = suggestions.map((s) => ({ text: s.text, provider: s.provider }));
  return (
    <section data-testid="mt-panel" aria-busy={isLoading}>
      <h2>{t("heading")}</h2>
      {isLoading && <p className="muted">{t("loading")}</p>}
      {data && suggestions.length === 0 && data.failures.length === 0 && <p className="muted">{t("none")}</p>}
      <ol className="wb-memory">
        {suggestions.map((s, i) => {
          const missing = s.glossary.filter((g) => !g.found && g.expected);
          const errors = s.issues.filter((x) => x.severity === "error");
          return (
            <li key={s.provider} data-testid={`mt-suggestion-${s.provider}`} data-has-errors={missing.length + errors.length > 0 ? "true" : "false"}>
              <div className="wb-memory-head">
                <strong>
                  <bdi>{s.label}</bdi>
                </strong>
                {s.cached && <span className="muted"> · {t("cached")}</span>}
              </div>
              <p lang={target.bcp47} dir={target.dir}>
                {s.text}
              </p>
              {(missing.length > 0 || errors.length > 0) && (
                <ul className="wb-mt-issues" data-testid="mt-issues">
                  {missing.map((g) => (
                    <li key={g.conceptId} data-testid="mt-missing-term">
                      {t("missingLabel")}{" "}
                      <bdi lang={target.bcp47} dir={target.dir}>
                        {g.expected}
                      </bdi>
                    </li>
                  ))}
                  {errors.map((x, j) => (
                    <li key={`${x.check}-${j}`}>{x.message}</li>
                  ))}
                </ul>
              )}
              {canEdit && (
                <button type="button" onClick={() => onInsert({ text: s.text, provider: s.provider })} data-testid="mt-insert" title={i < 4 ? t("shortcut", { n: MT_SHORTCUT_BASE + i }) : undefined}>
                  {t("insert")} {i < 4 && <kbd>{t("shortcut", { n: MT_SHORTCUT_BASE + i })}</kbd>}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {data?.failures.map((f) => (
        <p key={f.provider} className="form-error" data-testid={`mt-failure-${f.provider}`} title={f.message}>
          {t(`failed.${f.code}`, { provider: f.label, defaultValue: f.message })}
        </p>
      ))}
    </section>
  );
}
