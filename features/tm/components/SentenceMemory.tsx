"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatNumber, uiLanguage } from "@/lib/i18n/languages";
import { wordDiff } from "@/features/workbench/word-diff";
import { tmApi, tmKeys, type TmQuerySentence, type TmSentenceMatch } from "../api";

interface Lang {
  readonly code: string;
  readonly bcp47: string;
  readonly dir: "ltr" | "rtl";
}

/** The best match of each sentence's group, or undefined where there is none. */
export function bestPerSentence(sentences: readonly TmQuerySentence[], matches: readonly TmSentenceMatch[]): (TmSentenceMatch | undefined)[] {
  const best: (TmSentenceMatch | undefined)[] = sentences.map(() => undefined);
  // Matches arrive best first within each sentence.
  for (const m of matches) if (m.querySentence && best[m.querySentence.index] === undefined) best[m.querySentence.index] = m;
  return best;
}

/** A draft from the best match of each sentence, in order; sentences without a match are left out (and marked in the panel). */
export function assembleDraft(best: readonly (TmSentenceMatch | undefined)[]): string {
  return best
    .filter((m): m is TmSentenceMatch => m !== undefined)
    .map((m) => m.target.trim())
    .join(" ");
}

/**
 * Sentence-level memory for the active segment: the matches of each of its sentences
 * (with the word diff against that sentence), "assemble" (a draft made of each
 * sentence's best match), and the runs of four or more words found in the memory
 * with the units they occur in (automatic concordance).
 */
export function SentenceMemory({ text, source, target, canEdit, onDraft }: { text: string; source: Lang; target: Lang; canEdit: boolean; onDraft(text: string): void }) {
  const { t, i18n } = useTranslation("tm");
  const [assembled, setAssembled] = useState<string | null>(null);
  const lookup = useQuery({
    queryKey: tmKeys.sentences(target.code, text),
    queryFn: () => tmApi.sentences({ sourceLang: source.code, targetLang: target.code, text }),
    enabled: text.trim().length > 0,
  });
  const fragments = useQuery({
    queryKey: tmKeys.fragments(target.code, text),
    queryFn: () => tmApi.fragments({ sourceLang: source.code, targetLang: target.code, text }),
    enabled: text.trim().length > 0,
  });
  const percent = (score: number) => formatNumber(uiLanguage(i18n.language), score / 100, { style: "percent" });
  const sentences = lookup.data?.sentences ?? [];
  const matches = lookup.data?.matches ?? [];
  const best = bestPerSentence(sentences, matches);
  const anyMatch = best.some((m) => m !== undefined);
  return (
    <section data-testid="sentence-memory">
      <h2>{t("sentences.title")}</h2>
      {lookup.isLoading ? (
        <p className="muted">{t("sentences.loading")}</p>
      ) : (
        <>
          <ol className="tm-sentences">
            {sentences.map((s) => {
              const group = matches.filter((m) => m.querySentence?.index === s.index);
              return (
                <li key={s.index} data-testid="sentence-group" data-matched={group.length > 0 ? "true" : "false"}>
                  <p className="tm-query-sentence" lang={source.bcp47} dir={source.dir}>
                    {s.text}
                  </p>
                  {group.length === 0 ? (
                    <p className="muted" data-testid="sentence-unmatched">
                      {t("sentences.none")}
                    </p>
                  ) : (
                    <ol className="wb-memory">
                      {group.map((m) => (
                        <li key={m.id} data-testid="sentence-match" data-score={m.score}>
                          <div className="wb-memory-head">
                            <span className={`wb-score${m.score >= 100 ? " exact" : ""}`}>{percent(m.score)}</span>{" "}
                            <span className="muted" dir="auto">
                              {m.originDetail ?? m.origin}
                            </span>
                          </div>
                          <p className="wb-diff" lang={source.bcp47} dir={source.dir} data-testid="sentence-match-source">
                            {wordDiff(m.source, s.text, source.bcp47).map((p, j) =>
                              p.added ? (
                                <ins key={j} title={t("sentences.onlyHere")}>
                                  {p.value}
                                </ins>
                              ) : p.removed ? (
                                <del key={j} title={t("sentences.onlyThere")}>
                                  {p.value}
                                </del>
                              ) : (
                                <span key={j}>{p.value}</span>
                              ),
                            )}
                          </p>
                          <p lang={target.bcp47} dir={target.dir} data-testid="sentence-match-target">
                            {m.target}
                          </p>
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              );
            })}
          </ol>
          {canEdit && sentences.length > 0 && (
            <button
              type="button"
              data-testid="sentence-assemble"
              disabled={!anyMatch}
              onClick={() => {
                const draft = assembleDraft(best);
                setAssembled(draft);
                onDraft(draft);
              }}
            >
              {t("sentences.assemble")}
            </button>
          )}
          {assembled !== null && (
            <p className="muted" role="status" data-testid="sentence-assembled">
              {best.some((m) => m === undefined) ? t("sentences.assembledGaps") : t("sentences.assembled")}
            </p>
          )}
        </>
      )}
      <h3>{t("sentences.fragments")}</h3>
      {fragments.isLoading ? (
        <p className="muted">{t("sentences.loading")}</p>
      ) : (fragments.data?.fragments.length ?? 0) === 0 ? (
        <p className="muted">{t("sentences.noFragments")}</p>
      ) : (
        <ul className="tm-fragments" data-testid="memory-fragments">
          {fragments.data!.fragments.map((f) => (
            <li key={`${f.start}-${f.end}`} data-testid="memory-fragment">
              <p lang={source.bcp47} dir={source.dir}>
                <mark>{f.text}</mark>
              </p>
              <ul>
                {f.hits.map((h) => (
                  <li key={h.id}>
                    <p lang={source.bcp47} dir={source.dir}>
                      {highlight(h.source, f.text)}
                    </p>
                    <p lang={target.bcp47} dir={target.dir}>
                      {h.target}
                    </p>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The text with its first occurrence of `part` (case-insensitive) marked. */
function highlight(text: string, part: string) {
  const at = text.toLowerCase().indexOf(part.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + part.length)}</mark>
      {text.slice(at + part.length)}
    </>
  );
}
