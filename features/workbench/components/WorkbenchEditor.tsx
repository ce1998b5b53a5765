"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { QueryClient, QueryClientProvider, useMutation, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslation } from "react-i18next";
import { ApiClientError } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import type { TranslationStatus } from "@/lib/db/schema";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import { MT_SHORTCUT_BASE, type MtInsert } from "@/features/mt/components/MtPanel";
import { Pretranslate, type PretranslateProvider } from "@/features/mt/components/Pretranslate";
import { blocking, runChecks, type QaIssue } from "@/features/qa";
import { workbenchApi } from "../api";
import { workbenchKeys } from "../query-keys";
import { clearPending, listPending, type PendingEdit } from "../pending";
import type { TextOrigin, Translation, WorkbenchDocument, WorkbenchSegment } from "../schemas";
import { countByStatus, countOutdated, matchesFilter, nextNeedingWork, type SegmentFilter, type StatusFilter } from "../workbench";
import { useLiveUpdates } from "../hooks/useLiveUpdates";
import { serverOf, useWorkbenchDocument } from "../hooks/useDocument";
import { useDraftStore, type Conflict } from "../hooks/useDraftStore";
import { useDraft } from "../hooks/useDraft";
import { usePresence } from "../hooks/usePresence";
import { useShortcuts } from "../hooks/useShortcuts";
import { useGlossaryLookup } from "../hooks/useGlossaryLookup";
import type { LangInfo } from "./lang";
import type { MemoryUse } from "./MemorySection";
import { SegmentRow } from "./SegmentRow";
import { SidePanel } from "./SidePanel";
import { Toolbar } from "./Toolbar";
import { Notices } from "./Notices";
import { ConflictDialog, HelpDialog } from "./Dialogs";

export type { LangInfo };

export interface WorkbenchProps {
  readonly slug: string;
  readonly source: LangInfo;
  readonly target: LangInfo;
  readonly uiLang: string;
  readonly initial: WorkbenchDocument;
  readonly me: { readonly id: string; readonly name: string };
  readonly canEdit: boolean;
  readonly canApprove: boolean;
  /** May propose glossary terms in the target language. */
  readonly canPropose: boolean;
  /** Key of the segment to open first (links from the QA report). */
  readonly initialSegment?: string;
  /** Machine translation is configured for the target language (the MT panel shows). */
  readonly mtEnabled?: boolean;
  /** The providers the target language routes to (options of a pre-translation). */
  readonly mtProviders?: readonly PretranslateProvider[];
}

/** The editor with its own query client (one per page). */
export function Workbench(props: WorkbenchProps) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      <WorkbenchEditor {...props} />
    </QueryClientProvider>
  );
}

const STATUS_KEYS: Record<string, StatusFilter> = { "0": "all", "1": "untranslated", "2": "draft", "3": "translated", "4": "approved", "5": "outdated" };

/** The editor: the toolbar, the virtualized segment rows and the side panel, wired to the draft store and the live updates. */
function WorkbenchEditor({ slug, source, target, initial, me, canEdit, canApprove, canPropose, initialSegment, mtEnabled = false, mtProviders = [] }: WorkbenchProps) {
  const { t } = useTranslation("workbench");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const { data, setSegmentTranslation, currentSegments } = useWorkbenchDocument(slug, target.code, initial);
  const segments = data.segments;

  const [filter, setFilter] = useState<SegmentFilter>({ status: "all", text: "", openComments: false });
  const [activeId, setActiveId] = useState<string | null>((segments.find((s) => s.key === initialSegment) ?? segments[0])?.id ?? null);
  const activeRef = useRef(activeId);
  activeRef.current = activeId;
  // The segment being edited stays in the list even when it stops matching the filter.
  const visible = useMemo(() => segments.filter((s) => s.id === activeId || matchesFilter(s, filter)), [segments, filter, activeId]);
  const counts = useMemo(() => countByStatus(segments), [segments]);
  const outdatedCount = useMemo(() => countOutdated(segments), [segments]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recovered, setRecovered] = useState<PendingEdit[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);

  const { store, online } = useDraftStore({ slug, lang: target.code, me, setSegmentTranslation, onConflict: setConflict, onError: (e) => setNotice(errorMessage(e)) });

  // Text kept from an earlier visit that the server never acknowledged.
  useEffect(() => {
    const serverText = new Map(initial.segments.map((s) => [s.id, s.translation?.text ?? ""]));
    const pending = listPending(slug, target.code).filter((p) => serverText.has(p.segmentId) && serverText.get(p.segmentId) !== p.text);
    for (const p of listPending(slug, target.code)) if (!pending.includes(p)) clearPending(slug, target.code, p.segmentId);
    setRecovered(pending);
  }, [initial, slug, target.code]);

  const presence = usePresence({ slug, lang: target.code, meId: me.id, activeId, enabled: hydrated });

  useLiveUpdates(slug, target.code, {
    onTranslation: (segmentId, tr) => {
      const current = currentSegments()?.find((s) => s.id === segmentId);
      if (current?.translation && current.translation.version >= tr.version) return;
      setSegmentTranslation(segmentId, { segmentId, lang: target.code, ...tr, status: tr.status as TranslationStatus });
      store.serverChanged(segmentId, { text: tr.text, status: tr.status as TranslationStatus, version: tr.version });
      if (tr.updatedBy !== me.id && segmentId === activeRef.current && store.get(segmentId)) setNotice(t("editor.changedBy", { name: tr.updatedByName ?? "?" }));
    },
    onComments: (segmentId, openThreads) => {
      queryClient.setQueryData<WorkbenchDocument>(workbenchKeys.document(slug, target.code), (old) => (old ? { ...old, segments: old.segments.map((s) => (s.id === segmentId ? { ...s, openThreads } : s)) } : old));
      void queryClient.invalidateQueries({ queryKey: workbenchKeys.comments(segmentId, target.code) });
    },
    onPresence: presence.onPresence,
    onConnection: () => {},
  });

  // A pre-translation wrote drafts: read the document again (the drafts the translator has not touched appear).
  const reloadDocument = useCallback(() => void queryClient.invalidateQueries({ queryKey: workbenchKeys.document(slug, target.code) }), [queryClient, slug, target.code]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => scrollRef.current, estimateSize: () => 110, overscan: 6 });

  const activate = useCallback(
    (id: string | null) => {
      setActiveId(id);
      const index = visible.findIndex((s) => s.id === id);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
      requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-editor="${id}"]`)?.focus());
    },
    [visible, virtualizer],
  );

  // Opened on a given segment (a link from the QA report): bring it into view once the list exists.
  const openedOn = useRef(false);
  useEffect(() => {
    if (!hydrated || openedOn.current || !initialSegment) return;
    openedOn.current = true;
    const id = segments.find((s) => s.key === initialSegment)?.id;
    if (id) activate(id);
  }, [hydrated, initialSegment, segments, activate]);

  const move = useCallback(
    (delta: number) => {
      const index = visible.findIndex((s) => s.id === activeRef.current);
      const next = visible[Math.min(visible.length - 1, Math.max(0, index + delta))];
      if (next) activate(next.id);
    },
    [visible, activate],
  );

  // QA errors of the active segment, read through a ref so that callbacks keep their identity while typing.
  const qaRef = useRef<QaIssue[]>([]);
  const confirm = useCallback(
    async (segment: WorkbenchSegment, qaOverride?: { reason: string }) => {
      const draft = store.get(segment.id);
      const text = draft?.text ?? segment.translation?.text ?? "";
      if (!text.trim()) return;
      if (!qaOverride && segment.id === activeRef.current && blocking(qaRef.current).length > 0) {
        setNotice(t("qa.blocked"));
        document.querySelector<HTMLElement>("[data-testid=qa-panel]")?.focus();
        return;
      }
      const outcome = await store.flush(segment.id, "translated", serverOf(segment), qaOverride);
      if (outcome?.kind === "saved") {
        const all = currentSegments() ?? segments;
        const index = all.findIndex((s) => s.id === segment.id);
        const next = nextNeedingWork(all, index);
        if (next >= 0) {
          const id = all[next]!.id;
          if (!visible.some((s) => s.id === id)) setFilter((f) => ({ ...f, status: "all", text: "", openComments: false }));
          activate(id);
        }
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, currentSegments, segments, visible, activate],
  );

  const review = useMutation({
    mutationFn: (v: { segmentId: string; decision: "approve" | "reject"; baseVersion: number; comment?: string; qaOverride?: { reason: string } }) =>
      workbenchApi.review(v.segmentId, target.code, { decision: v.decision, baseVersion: v.baseVersion, comment: v.comment, qaOverride: v.qaOverride }),
    onSuccess: ({ translation }) => setSegmentTranslation(translation.segmentId, translation),
    onError: (e, v) => {
      if (e instanceof ApiClientError && e.code === "version_conflict") {
        const current = (e.details as { current: Translation | null }).current;
        if (current) setSegmentTranslation(v.segmentId, current);
      }
      setNotice(errorMessage(e));
    },
  });

  const reviewMutate = review.mutate;
  const onReview = useCallback(
    (segment: WorkbenchSegment, decision: "approve" | "reject", comment?: string, qaOverride?: { reason: string }) => {
      if (!segment.translation) return;
      if (decision === "approve" && !qaOverride && segment.id === activeRef.current && blocking(qaRef.current).length > 0) {
        setNotice(t("qa.blocked"));
        document.querySelector<HTMLElement>("[data-testid=qa-panel]")?.focus();
        return;
      }
      reviewMutate({ segmentId: segment.id, decision, baseVersion: segment.translation.version, comment, qaOverride });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [reviewMutate],
  );

  const copySource = useCallback(
    (segment: WorkbenchSegment) => {
      store.edit(segment.id, segment.source, serverOf(segment));
    },
    [store],
  );

  /** Inserts text at the caret of the active editor (or at the end). */
  const insertAtCaret = useCallback(
    (segment: WorkbenchSegment, text: string) => {
      const el = document.querySelector<HTMLTextAreaElement>(`[data-editor="${segment.id}"]`);
      const current = store.get(segment.id)?.text ?? segment.translation?.text ?? "";
      const at = el ? el.selectionStart : current.length;
      const end = el ? el.selectionEnd : current.length;
      const next = current.slice(0, at) + text + current.slice(end);
      store.edit(segment.id, next, serverOf(segment));
      requestAnimationFrame(() => {
        el?.focus();
        el?.setSelectionRange(at + text.length, at + text.length);
      });
    },
    [store],
  );

  const active = segments.find((s) => s.id === activeId) ?? null;
  const activeDraft = useDraft(store, activeId ?? "");
  const activeText = activeDraft?.text ?? active?.translation?.text ?? "";
  const glossary = useGlossaryLookup({ segmentId: activeId, source: active?.source, targetText: activeText, sourceLang: source.code, targetLang: target.code, enabled: Boolean(active) && hydrated });
  const glossaryConcepts = active && glossary.data ? glossary.data.concepts : [];
  // Checked as the translator types (pure functions, well under a millisecond per segment).
  const qaIssues = useMemo(
    () => (active && activeText.trim() ? runChecks({ sourceLang: source.code, targetLang: target.code, source: active.source, target: activeText, glossary: glossary.data ?? null }) : []),
    [active, activeText, source.code, target.code, glossary.data],
  );
  qaRef.current = qaIssues;
  const neighbours = useMemo(() => {
    const i = active ? segments.findIndex((x) => x.id === active.id) : -1;
    return { prev: i > 0 ? segments[i - 1]!.source : undefined, next: i >= 0 && i < segments.length - 1 ? segments[i + 1]!.source : undefined };
  }, [active, segments]);

  /** Puts a suggestion's text in place of the target (with where it came from, kept with the draft until saved). */
  const applyText = useCallback(
    (segment: WorkbenchSegment, text: string, origin?: TextOrigin) => {
      store.edit(segment.id, text, serverOf(segment), origin);
      requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-editor="${segment.id}"]`)?.focus());
    },
    [store],
  );
  /** A memory match put in place of the target, remembered as the text's origin. */
  const applyMemoryMatch = (segment: WorkbenchSegment, m: MemoryUse) => {
    applyText(segment, m.text, { kind: "memory", score: m.score, suggestion: m.text });
  };
  /** An MT suggestion put in place of the target, remembered as the text's origin. */
  const applyMtSuggestion = (segment: WorkbenchSegment, insert: MtInsert) => {
    applyText(segment, insert.text, { kind: "mt", provider: insert.provider, suggestion: insert.text });
  };
  // What the panels show, read by the keyboard shortcuts.
  const memoryMatchesRef = useRef<readonly MemoryUse[]>([]);
  const mtSuggestionsRef = useRef<readonly MtInsert[]>([]);
  const insertable = useMemo(() => glossaryConcepts.flatMap((c) => c.targetTerms.filter((t) => t.usage !== "forbidden").slice(0, 1)), [glossaryConcepts]);

  useShortcuts((e) => {
    const inField = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement;
    const current = segments.find((s) => s.id === activeRef.current);
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.shiftKey && current && canEdit) {
      e.preventDefault();
      void confirm(current);
    } else if (e.altKey && e.key === "ArrowDown") {
      e.preventDefault();
      move(1);
    } else if (e.altKey && e.key === "ArrowUp") {
      e.preventDefault();
      move(-1);
    } else if (e.ctrlKey && e.key === "Insert" && current && canEdit) {
      e.preventDefault();
      copySource(current);
    } else if (e.ctrlKey && e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
      e.preventDefault();
      const term = insertable[Number(e.code.slice(5)) - 1];
      if (term && active && canEdit) insertAtCaret(active, term.text);
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && /^Digit[1-5]$/.test(e.code)) {
      e.preventDefault();
      const m = memoryMatchesRef.current[Number(e.code.slice(5)) - 1];
      if (m && active && canEdit) applyMemoryMatch(active, m);
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && /^Digit[6-9]$/.test(e.code)) {
      e.preventDefault();
      const s = mtSuggestionsRef.current[Number(e.code.slice(5)) - MT_SHORTCUT_BASE];
      if (s && active && canEdit) applyMtSuggestion(active, s);
    } else if (e.altKey && STATUS_KEYS[e.key]) {
      e.preventDefault();
      setFilter((f) => ({ ...f, status: STATUS_KEYS[e.key]! }));
    } else if (!inField && e.key === "?") {
      e.preventDefault();
      setHelpOpen(true);
    } else if (!inField && e.key === "/") {
      e.preventDefault();
      document.querySelector<HTMLInputElement>("[data-testid=filter-text]")?.focus();
    }
  });

  return (
    <div className="workbench" data-testid="workbench" data-ready={hydrated ? "true" : undefined}>
      <Toolbar filter={filter} setFilter={setFilter} total={segments.length} counts={counts} outdated={outdatedCount} shown={visible.length} onHelp={() => setHelpOpen(true)}>
        {canEdit && hydrated && <Pretranslate slug={slug} lang={target.code} providers={mtProviders} onFinished={reloadDocument} />}
      </Toolbar>

      <Notices
        online={online}
        notice={notice}
        onDismiss={() => setNotice(null)}
        recovered={recovered}
        canEdit={canEdit}
        onRestore={() => {
          for (const p of recovered) store.restore(p);
          setRecovered([]);
        }}
        onDiscard={() => {
          for (const p of recovered) clearPending(slug, target.code, p.segmentId);
          setRecovered([]);
        }}
      />

      <div className="wb-main">
        <div className="wb-list" ref={scrollRef} data-testid="segment-list">
          {/* Rendered on the client only: inline sizes set from script are allowed by the CSP, style attributes in HTML are not. */}
          {hydrated && (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => {
                const s = visible[item.index]!;
                return (
                  <div key={s.id} ref={virtualizer.measureElement} data-index={item.index} className="wb-row-slot" style={{ transform: `translateY(${item.start}px)` }}>
                    <SegmentRow
                      segment={s}
                      number={s.position}
                      active={s.id === activeId}
                      store={store}
                      source={source}
                      target={target}
                      canEdit={canEdit}
                      canApprove={canApprove}
                      here={presence.bySegment.get(s.id)}
                      onActivate={activate}
                      onConfirm={confirm}
                      onCopySource={copySource}
                      onReview={onReview}
                      onTyping={presence.onTyping}
                      highlights={s.id === activeId ? glossaryConcepts : undefined}
                    />
                  </div>
                );
              })}
            </div>
          )}
        </div>
        <SidePanel
          segment={active}
          source={source}
          target={target}
          canEdit={canEdit}
          canPropose={canPropose}
          canApprove={canApprove}
          glossary={glossaryConcepts}
          qa={{ issues: qaIssues, text: activeText }}
          memory={{
            neighbours,
            onUse: (m) => active && applyMemoryMatch(active, m),
            onDraft: (text) => active && applyText(active, text),
            matchesRef: memoryMatchesRef,
          }}
          mt={mtEnabled && active ? { onInsert: (insert) => applyMtSuggestion(active, insert), suggestionsRef: mtSuggestionsRef } : null}
          onOverride={(reason, action) => {
            if (!active) return;
            if (action === "approve") onReview(active, "approve", undefined, { reason });
            else void confirm(active, { reason });
          }}
          onInsert={(text) => active && insertAtCaret(active, text)}
          onRestored={(tr) => {
            setSegmentTranslation(tr.segmentId, tr);
            store.serverChanged(tr.segmentId, tr);
          }}
        />
      </div>

      {conflict && (
        <ConflictDialog
          conflict={conflict}
          target={target}
          onResolve={async (choice) => {
            const c = conflict;
            setConflict(null);
            await store.resolveConflict(c.segmentId, choice, c.current);
          }}
        />
      )}
      {helpOpen && <HelpDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
