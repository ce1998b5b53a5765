"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatNumber, uiLanguage } from "@/lib/i18n/languages";
import { useHydrated } from "@/lib/use-hydrated";
import { workbenchApi, type TmLookupMatch } from "../api";
import { workbenchKeys } from "../query-keys";
import type { WorkbenchSegment } from "../schemas";
import { wordDiff } from "../word-diff";
import type { LangInfo } from "./lang";

/** A memory match put into the editor: its text and score (the text's origin). */
export interface MemoryUse {
  readonly text: string;
  readonly score: number;
}

/**
 * Translation-memory matches for the active segment, best first, each with how
 * its source differs from this one; owns its query (with the neighbours, for
 * in-context matches). The editor reads the shown matches for its shortcuts.
 */
export function MemorySection({
  segment,
  neighbours,
  source,
  target,
  canEdit,
  onUse,
  matchesRef,
}: {
  segment: WorkbenchSegment;
  neighbours: { prev?: string; next?: string };
  source: LangInfo;
  target: LangInfo;
  canEdit: boolean;
  onUse(use: MemoryUse): void;
  matchesRef?: { current: readonly MemoryUse[] };
}) {
  const { t, i18n } = useTranslation("workbench");
  const hydrated = useHydrated();
  const memory = useQuery({
    queryKey: workbenchKeys.memory(segment.id, target.code),
    queryFn: () =>
      // A missing neighbour is the document's edge: in-context matches compare that too.
      workbenchApi.memory({ sourceLang: source.code, targetLang: target.code, text: segment.source, ...(neighbours.prev === undefined ? {} : { prev: neighbours.prev }), ...(neighbours.next === undefined ? {} : { next: neighbours.next }) }),
    enabled: hydrated,
  });
  const matches: readonly TmLookupMatch[] = memory.data?.matches ?? [];
  if (matchesRef) matchesRef.current = matches.map((m) => ({ text: m.target, score: m.score }));
  const current = segment.source;
  const loading = memory.isLoading;
  const percent = (score: number) => formatNumber(uiLanguage(i18n.language), score / 100, { style: "percent" });
  return (
    <section data-testid="memory-panel">
      <h2>{t("panel.memory")}</h2>
      {matches.length === 0 ? (
        <p className="muted">{loading ? t("memory.loading") : t("memory.none")}</p>
      ) : (
        <ol className="wb-memory">
          {matches.map((m, i) => (
            <li key={m.id} data-testid="memory-match" data-score={m.score}>
              <div className="wb-memory-head">
                <span className={`wb-score${m.score >= 100 ? " exact" : ""}`} title={m.score === 101 ? t("memory.inContext") : m.score === 100 ? t("memory.exact") : undefined}>
                  {percent(m.score)}
                </span>{" "}
                <span className="muted">{m.originDetail ?? m.origin}</span>
              </div>
              <p className="wb-diff" lang={source.bcp47} dir={source.dir} data-testid="memory-source">
                {m.score >= 100
                  ? m.source
                  : wordDiff(m.source, current, source.bcp47).map((p, j) =>
                      p.added ? <ins key={j} title={t("memory.onlyHere")}>{p.value}</ins> : p.removed ? <del key={j} title={t("memory.onlyThere")}>{p.value}</del> : <span key={j}>{p.value}</span>,
                    )}
              </p>
              <p lang={target.bcp47} dir={target.dir} data-testid="memory-target">
                {m.target}
              </p>
              {canEdit && (
                <button type="button" onClick={() => onUse({ text: m.target, score: m.score })} data-testid="memory-use" title={`Alt+Shift+${i + 1}`}>
                  {t("memory.use")} <kbd>Alt+Shift+{i + 1}</kbd>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <Concordance source={source} target={target} />
    </section>
  );
}

/** Search the memory for a word or phrase, in sources and translations. */
function Concordance({ source, target }: { source: LangInfo; target: LangInfo }) {
  const { t } = useTranslation("workbench");
  const [q, setQ] = useState("");
  const { data, isFetching } = useQuery({
    queryKey: workbenchKeys.concordance(target.code, q),
    queryFn: () => workbenchApi.concordance({ sourceLang: source.code, targetLang: target.code, q }),
    enabled: q.trim().length >= 2,
  });
  return (
    <div className="wb-concordance">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(String(new FormData(e.currentTarget).get("q") ?? "").trim());
        }}
      >
        <label>
          {t("memory.concordance")}
          <input type="search" name="q" dir="auto" minLength={2} data-testid="concordance-q" />
        </label>
        <button type="submit">{t("memory.search")}</button>
      </form>
      {q.length >= 2 && !isFetching && data && (
        data.units.length === 0 ? (
          <p className="muted">{t("memory.noHits")}</p>
        ) : (
          <ul className="wb-concordance-hits" data-testid="concordance-hits">
            {data.units.map((u) => (
              <li key={u.id}>
                <p lang={source.bcp47} dir={source.dir}>
                  {u.source}
                </p>
                <p lang={target.bcp47} dir={target.dir}>
                  {u.target}
                </p>
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
