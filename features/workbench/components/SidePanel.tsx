"use client";

import { useState, type FormEvent } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatNumber, uiLanguage } from "@/lib/i18n/languages";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import { workbenchApi } from "../api";
import { workbenchKeys } from "../query-keys";
import type { Comment, CommentPage, Translation, WorkbenchSegment } from "../schemas";
import { wordDiff } from "../word-diff";
import type { LangInfo } from "./lang";
import { MemorySection, type MemoryUse } from "./MemorySection";
import type { GlossaryLookup } from "@/features/glossary/schemas";
import { ProposeFromSelection } from "./ProposeFromSelection";
import { MtPanel, type MtInsert } from "@/features/mt/components/MtPanel";
import { OriginLabel } from "@/features/mt/components/OriginLabel";
import { blocking, issueMessage, type QaIssue } from "@/features/qa";
import { SentenceMemory } from "@/features/tm/components/SentenceMemory";

/** The active segment's details: history, comments, and the places of glossary, memory and QA. */
export function SidePanel({
  segment,
  source,
  target,
  canEdit,
  canPropose,
  canApprove,
  glossary,
  qa,
  memory,
  mt,
  onInsert,
  onOverride,
  onRestored,
}: {
  segment: WorkbenchSegment | null;
  source: LangInfo;
  target: LangInfo;
  canEdit: boolean;
  canPropose: boolean;
  canApprove: boolean;
  glossary: GlossaryLookup["concepts"];
  qa: { issues: readonly QaIssue[]; text: string };
  /** The memory panel: the segment's neighbours (in-context matches), what to do with a match, the shown matches for shortcuts. */
  memory: { neighbours: { prev?: string; next?: string }; onUse(use: MemoryUse): void; onDraft(text: string): void; matchesRef: { current: readonly MemoryUse[] } };
  /** Machine translation, when configured for the language. */
  mt?: { onInsert(insert: MtInsert): void; suggestionsRef: { current: readonly MtInsert[] } } | null;
  onOverride(reason: string, action: "confirm" | "approve"): void;
  onInsert(text: string): void;
  onRestored(t: Translation): void;
}) {
  const { t } = useTranslation("workbench");
  if (!segment) return <aside className="wb-panel" aria-label={t("panel.label")} />;
  return (
    <aside className="wb-panel" aria-label={t("panel.label")} data-testid="side-panel">
      <p className="wb-panel-source" lang={source.bcp47} dir={source.dir} data-source-of={segment.id}>
        {segment.source}
      </p>
      <section data-testid="glossary-panel">
        <h2>{t("panel.glossary")}</h2>
        {glossary.length === 0 ? (
          <p className="muted">{t("panel.glossaryEmpty")}</p>
        ) : (
          <ol className="wb-glossary">
            {glossary.map((c, i) => (
              <li key={c.conceptId} data-testid={`glossary-${c.conceptId}`} data-present={c.present ? "true" : "false"}>
                <div>
                  <bdi lang={source.bcp47}>{c.sourceTerm ?? c.sourceMatches[0]?.text}</bdi>{" "}
                  <span className={c.present ? "wb-present" : "wb-absent"}>{c.present ? `✓ ${t("panel.present")}` : `✗ ${t("panel.absent")}`}</span>
                </div>
                <ul>
                  {c.targetTerms.map((term, j) => (
                    <li key={term.id} className={term.usage === "forbidden" ? "wb-forbidden" : undefined}>
                      <span lang={target.bcp47} dir={target.dir}>
                        {term.text}
                      </span>
                      {term.usage === "forbidden" ? (
                        <span className="muted"> — {t("panel.forbidden")}</span>
                      ) : (
                        canEdit && (
                          <button type="button" onClick={() => onInsert(term.text)} data-testid="glossary-insert" title={j === 0 && i < 9 ? `Ctrl+Shift+${i + 1}` : undefined}>
                            {t("panel.insert")}
                            {j === 0 && i < 9 && <kbd>{i + 1}</kbd>}
                          </button>
                        )
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
        {canPropose && <ProposeFromSelection segment={segment} target={target} concepts={glossary} />}
      </section>
      <MemorySection key={`memory:${segment.id}`} segment={segment} neighbours={memory.neighbours} source={source} target={target} canEdit={canEdit} onUse={memory.onUse} matchesRef={memory.matchesRef} />
      <SentenceMemory text={segment.source} source={source} target={target} canEdit={canEdit} onDraft={memory.onDraft} />
      {mt && <MtPanel key={`mt:${segment.id}`} segmentId={segment.id} source={segment.source} sourceLang={source.code} target={target} canEdit={canEdit} onInsert={mt.onInsert} suggestionsRef={mt.suggestionsRef} />}
      <QaSection issues={qa.issues} text={qa.text} target={target} canOverride={canApprove} onOverride={onOverride} />
      <Comments segment={segment} target={target} canEdit={canEdit} />
      <History segment={segment} target={target} canEdit={canEdit} onRestored={onRestored} />
    </aside>
  );
}

function History({ segment, target, canEdit, onRestored }: { segment: WorkbenchSegment; target: LangInfo; canEdit: boolean; onRestored(t: Translation): void }) {
  const { t } = useTranslation("workbench");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const key = workbenchKeys.revisions(segment.id, target.code);
  const { data } = useQuery({ queryKey: [...key, segment.translation?.version ?? 0], queryFn: () => workbenchApi.revisions(segment.id, target.code) });
  const [error, setError] = useState<string | null>(null);
  const restore = useMutation({
    mutationFn: (version: number) => workbenchApi.restore(segment.id, target.code, version, segment.translation?.version ?? 0),
    onSuccess: ({ translation }) => {
      onRestored(translation);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const revisions = data?.revisions ?? [];
  return (
    <section data-testid="history">
      <h2>{t("panel.history")}</h2>
      {error && <p className="form-error">{error}</p>}
      {revisions.length === 0 ? (
        <p className="muted">{t("panel.noHistory")}</p>
      ) : (
        <ol className="wb-history" reversed>
          {[...revisions].reverse().map((r, i, list) => {
            const previous = list[i + 1];
            return (
              <li key={r.version} data-testid={`revision-${r.version}`}>
                <div className="wb-history-head">
                  <strong>{t("panel.version", { version: r.version })}</strong> · {t(`status.${r.status}`)} · <bdi>{r.authorName ?? r.origin}</bdi>{r.textOrigin && r.textOrigin.kind !== "typed" && <> · <OriginLabel origin={r.textOrigin} /></>} · <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString(document.documentElement.lang || undefined)}</time>
                </div>
                <p className="wb-diff" lang={target.bcp47} dir={target.dir}>
                  {previous
                    ? wordDiff(previous.text, r.text, target.bcp47).map((p, j) =>
                        p.added ? <ins key={j}>{p.value}</ins> : p.removed ? <del key={j}>{p.value}</del> : <span key={j}>{p.value}</span>,
                      )
                    : r.text}
                </p>
                {r.note && <p className="muted">{r.note}</p>}
                {canEdit && segment.translation && r.version !== segment.translation.version && (
                  <button type="button" onClick={() => restore.mutate(r.version)} disabled={restore.isPending} data-testid={`restore-${r.version}`}>
                    {t("panel.restore")}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Comments({ segment, target, canEdit }: { segment: WorkbenchSegment; target: LangInfo; canEdit: boolean }) {
  const { t } = useTranslation("workbench");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const key = workbenchKeys.comments(segment.id, target.code);
  // Comments come a page at a time, oldest first; "more" reads the next page.
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => workbenchApi.comments(segment.id, target.code, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: CommentPage) => last.next ?? undefined,
  });
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (v: { body: string; threadId?: string }) => workbenchApi.addComment(segment.id, target.code, v),
    // Optimistic: the comment shows at once, and disappears again if the server refuses it.
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<InfiniteData<CommentPage, string | undefined>>(key);
      const temp: Comment = { id: `temp-${Date.now()}`, segmentId: segment.id, lang: target.code, threadId: v.threadId ?? `temp-${Date.now()}`, authorId: "", authorName: "…", body: v.body, mentions: [], resolvedAt: null, resolvedBy: null, createdAt: new Date().toISOString() };
      if (previous) {
        const pages = previous.pages.map((p, i) => (i === previous.pages.length - 1 ? { ...p, comments: [...p.comments, temp] } : p));
        queryClient.setQueryData<InfiniteData<CommentPage, string | undefined>>(key, { ...previous, pages });
      }
      return { previous };
    },
    onError: (e, _v, ctx) => {
      if (ctx?.previous) queryClient.setQueryData(key, ctx.previous);
      setError(errorMessage(e));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const resolve = useMutation({
    mutationFn: (v: { threadId: string; resolved: boolean }) => workbenchApi.resolveThread(segment.id, target.code, v.threadId, v.resolved),
    onError: (e) => setError(errorMessage(e)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const comments = data?.pages.flatMap((p) => p.comments) ?? [];
  const threads = comments.filter((c) => c.threadId === c.id || c.id.startsWith("temp-"));
  const submit = (threadId?: string) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) return;
    setError(null);
    add.mutate({ body, threadId });
    form.reset();
  };
  return (
    <section data-testid="comments">
      <h2>{t("panel.comments")}</h2>
      {error && <p className="form-error">{error}</p>}
      {threads.length === 0 && <p className="muted">{t("panel.noComments")}</p>}
      {threads.map((root) => (
        <article key={root.id} className={`wb-thread${root.resolvedAt ? " resolved" : ""}`} data-testid="comment-thread">
          {[root, ...comments.filter((c) => c.threadId === root.id && c.id !== root.id)].map((c) => (
            <div key={c.id} className="wb-comment">
              <strong>
                <bdi>{c.authorName}</bdi>
              </strong>{" "}
              <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleString(document.documentElement.lang || undefined)}</time>
              <p dir="auto">{c.body}</p>
            </div>
          ))}
          {root.resolvedAt && <p className="muted">{t("panel.resolved")}</p>}
          {canEdit && !root.id.startsWith("temp-") && (
            <div className="wb-thread-actions">
              <button type="button" onClick={() => resolve.mutate({ threadId: root.id, resolved: !root.resolvedAt })} data-testid="thread-resolve">
                {root.resolvedAt ? t("panel.reopen") : t("panel.resolve")}
              </button>
              {!root.resolvedAt && (
                <form onSubmit={submit(root.id)} className="wb-reply">
                  <label>
                    <span className="visually-hidden">{t("panel.reply")}</span>
                    <input name="body" placeholder={t("panel.reply")} dir="auto" />
                  </label>
                  <button type="submit">{t("panel.send")}</button>
                </form>
              )}
            </div>
          )}
        </article>
      ))}
      {hasNextPage && (
        <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} data-testid="comments-more">
          {t("panel.moreComments")}
        </button>
      )}
      {canEdit && (
        <form onSubmit={submit()} className="wb-new-comment">
          <label>
            {t("panel.newComment")}
            <textarea name="body" rows={2} dir="auto" data-testid="comment-body" />
          </label>
          <button type="submit" data-testid="comment-send">
            {t("panel.send")}
          </button>
        </form>
      )}
    </section>
  );
}

/** The active segment's quality checks, live; reviewers may override errors with a reason. */
function QaSection({ issues, text, target, canOverride, onOverride }: { issues: readonly QaIssue[]; text: string; target: LangInfo; canOverride: boolean; onOverride(reason: string, action: "confirm" | "approve"): void }) {
  const { t } = useTranslation(["workbench", "qa"]);
  const errors = blocking(issues).length;
  const [reason, setReason] = useState("");
  return (
    <section data-testid="qa-panel" tabIndex={-1} aria-live="polite">
      <h2>
        {t("panel.qa")} {issues.length > 0 && <span className={`wb-qa-count${errors ? " has-errors" : ""}`}>{issues.length}</span>}
      </h2>
      {issues.length === 0 ? (
        <p className="muted">{text.trim() ? t("qa.none") : t("qa.nothing")}</p>
      ) : (
        <ul className="wb-qa">
          {issues.map((issue, i) => (
            <li key={i} className={`wb-qa-issue ${issue.severity}`} data-testid="qa-issue" data-check={issue.check} data-severity={issue.severity}>
              <span className="wb-qa-severity">{t(`qa:severity.${issue.severity}`)}</span> {issueMessage(t, issue)}
              {issue.start >= 0 && issue.end > issue.start && (
                <>
                  {" "}
                  <q lang={target.bcp47} dir={target.dir} className="wb-qa-span">
                    {text.slice(issue.start, issue.end)}
                  </q>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {errors > 0 && (
        <p className="muted" data-testid="qa-blocking">
          {t("qa.blocking", { count: errors })}
        </p>
      )}
      {errors > 0 && canOverride && (
        <form
          className="wb-qa-override"
          onSubmit={(e) => {
            e.preventDefault();
            const action = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "approve" ? "approve" : "confirm";
            if (reason.trim()) onOverride(reason.trim(), action);
          }}
        >
          <label>
            {t("qa.overrideReason")}
            <input value={reason} onChange={(e) => setReason(e.target.value)} required dir="auto" data-testid="qa-override-reason" />
          </label>
          <button type="submit" value="confirm" data-testid="qa-override-confirm">
            {t("qa.confirmAnyway")}
          </button>{" "}
          <button type="submit" value="approve" data-testid="qa-override-approve">
            {t("qa.approveAnyway")}
          </button>
        </form>
      )}
    </section>
  );
}

