"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslation } from "react-i18next";
import { ApiClientError } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import type { TranslationStatus } from "@/lib/db/schema";
import { TRANSLATION_STATUSES } from "@/lib/db/schema";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import { workbenchApi } from "../api";
import { workbenchKeys } from "../query-keys";
import { DraftStore, type Draft, type SaveOutcome } from "../draft-store";
import { clearPending, listPending, putPending, type PendingEdit } from "../pending";
import type { Translation, WorkbenchDocument, WorkbenchSegment } from "../schemas";
import { countByStatus, countOutdated, matchesFilter, nextNeedingWork, statusOf, type SegmentFilter, type StatusFilter } from "../workbench";
import { SourceChange } from "./SourceChange";
import { useLiveUpdates, type PresenceEntry } from "../hooks/useLiveUpdates";
import { SidePanel } from "./SidePanel";
import { MT_SHORTCUT_BASE, type MtInsert } from "@/features/mt/components/MtPanel";
import type { TextOrigin } from "../schemas";
import type { GlossaryLookup } from "@/features/glossary/schemas";
import { blocking, runChecks, type QaIssue } from "@/features/qa";

export interface LangInfo {
  readonly code: string;
  readonly bcp47: string;
  readonly dir: "ltr" | "rtl";
  readonly nativeName: string;
}

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

type Conflict = { segmentId: string; mine: string; current: Translation | null };

const STATUS_KEYS: Record<string, StatusFilter> = { "0": "all", "1": "untranslated", "2": "draft", "3": "translated", "4": "approved", "5": "outdated" };

function toTranslation(segmentId: string, lang: string, t: WorkbenchSegment["translation"]): Translation | null {
  return t ? { segmentId, lang, text: t.text, status: t.status, version: t.version, updatedBy: t.updatedBy, updatedByName: t.updatedByName, updatedAt: t.updatedAt } : null;
}

function WorkbenchEditor({ slug, source, target, initial, me, canEdit, canApprove, canPropose, initialSegment, mtEnabled = false }: WorkbenchProps) {
  const { t } = useTranslation("workbench");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const key = workbenchKeys.document(slug, target.code);
  const { data } = useQuery({ queryKey: key, queryFn: () => workbenchApi.document(slug, target.code), initialData: initial });
  const segments = data.segments;

  const [filter, setFilter] = useState<SegmentFilter>({ status: "all", text: "", openComments: false });
  const [activeId, setActiveId] = useState<string | null>((segments.find((s) => s.key === initialSegment) ?? segments[0])?.id ?? null);
  // The segment being edited stays in the list even when it stops matching the filter.
  const visible = useMemo(() => segments.filter((s) => s.id === activeId || matchesFilter(s, filter)), [segments, filter, activeId]);
  const counts = useMemo(() => countByStatus(segments), [segments]);
  const outdatedCount = useMemo(() => countOutdated(segments), [segments]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [online, setOnline] = useState(true);
  const [presence, setPresence] = useState<ReadonlyMap<string, PresenceEntry>>(new Map());
  const [recovered, setRecovered] = useState<PendingEdit[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);

  /** Writes one segment's translation into the query cache. */
  const setSegmentTranslation = useCallback(
    (segmentId: string, tr: Translation | null, extra?: Partial<WorkbenchSegment>) => {
      queryClient.setQueryData<WorkbenchDocument>(key, (old) =>
        old
          ? {
              ...old,
              segments: old.segments.map((s) =>
                s.id !== segmentId
                  ? s
                  : {
                      ...s,
                      ...extra,
                      translation: tr
                        ? { text: tr.text, status: tr.status, version: tr.version, updatedBy: tr.updatedBy, updatedByName: tr.updatedByName ?? null, updatedAt: tr.updatedAt, outdated: false }
                        : s.translation,
                    },
              ),
            }
          : old,
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryClient, slug, target.code],
  );

  const saveMutation = useMutation({
    mutationFn: async (v: { segmentId: string; body: { text: string; status: "draft" | "translated"; baseVersion: number; qaOverride?: { reason: string }; origin?: TextOrigin } }): Promise<SaveOutcome> => {
      try {
        return { kind: "saved", translation: (await workbenchApi.save(v.segmentId, target.code, v.body)).translation };
      } catch (e) {
        if (e instanceof ApiClientError && e.code === "version_conflict") return { kind: "conflict", current: ((e.details as { current: Translation | null }) ?? { current: null }).current };
        if (e instanceof ApiClientError && (e.code === "network" || e.status >= 500)) return { kind: "offline" };
        throw e;
      }
    },
    // Optimistic: the row shows the new status at once; rolled back if the save fails.
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<WorkbenchDocument>(key);
      const seg = previous?.segments.find((s) => s.id === v.segmentId);
      if (seg) {
        const tr = seg.translation;
        setSegmentTranslation(v.segmentId, {
          segmentId: v.segmentId,
          lang: target.code,
          text: v.body.text,
          status: v.body.status,
          version: tr?.version ?? 0,
          updatedBy: me.id,
          updatedByName: me.name,
          updatedAt: new Date().toISOString(),
        });
      }
      return { previous };
    },
    onSettled: (outcome, error, _v, context) => {
      if ((error || (outcome && outcome.kind !== "saved")) && context?.previous) queryClient.setQueryData(key, context.previous);
    },
  });

  // Where the text of a segment came from when a suggestion was put in: sent with its next save.
  const originsRef = useRef(new Map<string, TextOrigin>());
  const storeRef = useRef<DraftStore | null>(null);
  if (!storeRef.current) {
    storeRef.current = new DraftStore({
      save: (segmentId, body) => {
        const origin = originsRef.current.get(segmentId);
        originsRef.current.delete(segmentId);
        return saveMutation.mutateAsync({ segmentId, body: origin ? { ...body, origin } : body });
      },
      onSaved: (segmentId, tr) => {
        setSegmentTranslation(segmentId, tr);
        setOnline(true);
      },
      onConflict: (segmentId, mine, current) => setConflict({ segmentId, mine, current }),
      onError: (_id, e) => setNotice(errorMessage(e)),
      persist: {
        put: (edit) => putPending(slug, target.code, edit),
        clear: (segmentId, savedText) => clearPending(slug, target.code, segmentId, savedText),
      },
    });
  }
  const store = storeRef.current;

  // Offline detection from save outcomes, and retry when the browser is back online.
  useEffect(() => {
    const update = () => setOnline(!store.unsaved().some((id) => store.get(id)?.state === "offline"));
    const unsubscribe = store.subscribeAll(update);
    const retry = () => void store.retry();
    window.addEventListener("online", retry);
    const timer = setInterval(() => {
      if (store.unsaved().some((id) => store.get(id)?.state === "offline")) void store.retry();
    }, 5000);
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.unsaved().length) e.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      unsubscribe();
      window.removeEventListener("online", retry);
      window.removeEventListener("beforeunload", beforeUnload);
      clearInterval(timer);
      store.dispose();
    };
  }, [store]);

  // Text kept from an earlier visit that the server never acknowledged.
  useEffect(() => {
    const serverText = new Map(initial.segments.map((s) => [s.id, s.translation?.text ?? ""]));
    const pending = listPending(slug, target.code).filter((p) => serverText.has(p.segmentId) && serverText.get(p.segmentId) !== p.text);
    for (const p of listPending(slug, target.code)) if (!pending.includes(p)) clearPending(slug, target.code, p.segmentId);
    setRecovered(pending);
  }, [initial, slug, target.code]);

  useLiveUpdates(slug, target.code, {
    onTranslation: (segmentId, tr) => {
      const current = queryClient.getQueryData<WorkbenchDocument>(key)?.segments.find((s) => s.id === segmentId);
      if (current?.translation && current.translation.version >= tr.version) return;
      setSegmentTranslation(segmentId, { segmentId, lang: target.code, ...tr, status: tr.status as TranslationStatus });
      store.serverChanged(segmentId, { text: tr.text, status: tr.status as TranslationStatus, version: tr.version });
      if (tr.updatedBy !== me.id && segmentId === activeRef.current && store.get(segmentId)) setNotice(t("editor.changedBy", { name: tr.updatedByName ?? "?" }));
    },
    onComments: (segmentId, openThreads) => {
      queryClient.setQueryData<WorkbenchDocument>(key, (old) => (old ? { ...old, segments: old.segments.map((s) => (s.id === segmentId ? { ...s, openThreads } : s)) } : old));
      void queryClient.invalidateQueries({ queryKey: workbenchKeys.comments(segmentId, target.code) });
    },
    onPresence: (entries, replace) => {
      setPresence((old) => {
        const next = new Map(replace ? [] : old);
        for (const e of entries) {
          if (e.userId === me.id) continue;
          if (e.segmentId === null) next.delete(e.userId);
          else next.set(e.userId, e);
        }
        return next;
      });
    },
    onConnection: () => {},
  });

  // Tell the others where we are; heartbeat so the entry does not expire.
  const activeRef = useRef(activeId);
  activeRef.current = activeId;
  useEffect(() => {
    if (!hydrated) return;
    const announce = () => void workbenchApi.presence(slug, { lang: target.code, segmentId: activeRef.current, editing: false }).catch(() => {});
    announce();
    const timer = setInterval(announce, 20_000);
    const leave = () => navigator.sendBeacon?.(`/api/v1/documents/${encodeURIComponent(slug)}/presence`, JSON.stringify({ lang: target.code, segmentId: null, editing: false }));
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
    };
  }, [hydrated, slug, target.code, activeId]);

  // While typing, tell the others (at most every ten seconds) that this segment is being edited.
  const lastTyping = useRef(0);
  const onTyping = useCallback(
    (segmentId: string) => {
      const now = Date.now();
      if (now - lastTyping.current < 10_000) return;
      lastTyping.current = now;
      void workbenchApi.presence(slug, { lang: target.code, segmentId, editing: true }).catch(() => {});
    },
    [slug, target.code],
  );

  const presenceBySegment = useMemo(() => {
    const map = new Map<string, PresenceEntry[]>();
    for (const p of presence.values()) if (p.segmentId) map.set(p.segmentId, [...(map.get(p.segmentId) ?? []), p]);
    return map;
  }, [presence]);

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

  const serverOf = (s: WorkbenchSegment) => (s.translation ? { text: s.translation.text, status: s.translation.status, version: s.translation.version } : null);

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
        const all = queryClient.getQueryData<WorkbenchDocument>(key)?.segments ?? segments;
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
    [store, queryClient, segments, visible, activate],
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store],
  );
  const insertRef = useRef<(index: number) => void>(() => {});
  const memoryRef = useRef<(index: number) => void>(() => {});
  const mtRef = useRef<(index: number) => void>(() => {});

  const onKeyDown = (e: KeyboardEvent) => {
    const inField = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement;
    const active = segments.find((s) => s.id === activeRef.current);
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.shiftKey && active && canEdit) {
      e.preventDefault();
      void confirm(active);
    } else if (e.altKey && e.key === "ArrowDown") {
      e.preventDefault();
      move(1);
    } else if (e.altKey && e.key === "ArrowUp") {
      e.preventDefault();
      move(-1);
    } else if (e.ctrlKey && e.key === "Insert" && active && canEdit) {
      e.preventDefault();
      copySource(active);
    } else if (e.ctrlKey && e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
      e.preventDefault();
      insertRef.current(Number(e.code.slice(5)) - 1);
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && /^Digit[1-5]$/.test(e.code)) {
      e.preventDefault();
      memoryRef.current(Number(e.code.slice(5)) - 1);
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && /^Digit[6-9]$/.test(e.code)) {
      e.preventDefault();
      mtRef.current(Number(e.code.slice(5)) - MT_SHORTCUT_BASE);
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
  };

  // Shortcuts work wherever the focus is on the page (but not inside dialogs).
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.target instanceof Element && e.target.closest("dialog")) return;
      keyHandler.current(e);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const active = segments.find((s) => s.id === activeId) ?? null;
  const activeDraft = useDraft(store, activeId ?? "");
  const glossaryTarget = useDebounced(activeDraft?.text ?? active?.translation?.text ?? "", 300);
  const glossary = useQuery({
    queryKey: workbenchKeys.glossary(activeId ?? "", target.code, glossaryTarget),
    queryFn: () => workbenchApi.glossary({ sourceLang: source.code, targetLang: target.code, source: active!.source, target: glossaryTarget }),
    enabled: Boolean(active) && hydrated,
    // While the translator types, the last lookup of this segment stays on screen; another
    // segment's lookup never does (its offsets would mark the wrong words).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === activeId ? previous : undefined),
  });
  const glossaryConcepts = active && glossary.data ? glossary.data.concepts : [];
  const activeText = activeDraft?.text ?? active?.translation?.text ?? "";
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
  const memory = useQuery({
    queryKey: workbenchKeys.memory(activeId ?? "", target.code),
    queryFn: () =>
      // A missing neighbour is the document's edge: in-context matches compare that too.
      workbenchApi.memory({ sourceLang: source.code, targetLang: target.code, text: active!.source, ...(neighbours.prev === undefined ? {} : { prev: neighbours.prev }), ...(neighbours.next === undefined ? {} : { next: neighbours.next }) }),
    enabled: Boolean(active) && hydrated,
  });
  const memoryMatches = active && memory.data ? memory.data.matches : [];
  /** Puts a memory match's translation in place of the target text. */
  const applyMatch = useCallback(
    (segment: WorkbenchSegment, text: string) => {
      store.edit(segment.id, text, serverOf(segment));
      requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-editor="${segment.id}"]`)?.focus());
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store],
  );
  /** A memory match put in place of the target, remembered as the text's origin. */
  const applyMemoryMatch = (segment: WorkbenchSegment, text: string) => {
    const m = memoryMatches.find((x) => x.target === text);
    if (m) originsRef.current.set(segment.id, { kind: "memory", score: m.score, suggestion: text });
    applyMatch(segment, text);
  };
  memoryRef.current = (index: number) => {
    const m = memoryMatches[index];
    if (m && active && canEdit) applyMemoryMatch(active, m.target);
  };
  /** An MT suggestion put in place of the target, remembered as the text's origin. */
  const applyMtSuggestion = (segment: WorkbenchSegment, insert: MtInsert) => {
    originsRef.current.set(segment.id, { kind: "mt", provider: insert.provider, suggestion: insert.text });
    applyMatch(segment, insert.text);
  };
  const mtSuggestionsRef = useRef<readonly MtInsert[]>([]);
  mtRef.current = (index: number) => {
    const s = mtSuggestionsRef.current[index];
    if (s && active && canEdit) applyMtSuggestion(active, s);
  };
  const insertable = useMemo(() => glossaryConcepts.flatMap((c) => c.targetTerms.filter((t) => t.usage !== "forbidden").slice(0, 1)), [glossaryConcepts]);
  insertRef.current = (index: number) => {
    const term = insertable[index];
    if (term && active && canEdit) insertAtCaret(active, term.text);
  };

  return (
    <div className="workbench" data-testid="workbench" data-ready={hydrated ? "true" : undefined}>
      <div className="wb-toolbar" role="search">
        <fieldset className="wb-filters">
          <legend className="visually-hidden">{t("filters.label")}</legend>
          {(["all", ...TRANSLATION_STATUSES] as const).map((s) => (
            <button key={s} type="button" aria-pressed={filter.status === s} data-testid={`filter-${s}`} onClick={() => setFilter((f) => ({ ...f, status: s }))}>
              {s === "all" ? t("filters.all") : t(`status.${s}`)} <span className="count">{s === "all" ? segments.length : counts[s]}</span>
            </button>
          ))}
          <button type="button" aria-pressed={filter.status === "outdated"} data-testid="filter-outdated" onClick={() => setFilter((f) => ({ ...f, status: "outdated" }))}>
            {t("outdated")} <span className="count">{outdatedCount}</span>
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={filter.openComments} data-testid="filter-comments" onChange={(e) => setFilter((f) => ({ ...f, openComments: e.target.checked }))} /> {t("filters.openComments")}
          </label>
          <label>
            <span className="visually-hidden">{t("filters.search")}</span>
            <input type="search" placeholder={t("filters.search")} value={filter.text} dir="auto" data-testid="filter-text" onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))} />
          </label>
        </fieldset>
        <span className="wb-shown" aria-live="polite" data-testid="shown-count">
          {t("filters.shown", { count: visible.length })}
        </span>
        <button type="button" onClick={() => setHelpOpen(true)} data-testid="help-open">
          {t("help.open")} <kbd>?</kbd>
        </button>
      </div>

      {!online && (
        <p className="wb-offline" role="status" data-testid="offline-notice">
          {t("editor.offline")}
        </p>
      )}
      {notice && (
        <p className="wb-notice" role="status" data-testid="wb-notice">
          {notice}{" "}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            ×
          </button>
        </p>
      )}
      {recovered.length > 0 && canEdit && (
        <div className="wb-recovery" role="alert" data-testid="recovery">
          <strong>{t("recovery.title", { count: recovered.length })}</strong> <span>{t("recovery.body")}</span>{" "}
          <button
            type="button"
            data-testid="recovery-restore"
            onClick={() => {
              for (const p of recovered) store.restore(p);
              setRecovered([]);
            }}
          >
            {t("recovery.restore")}
          </button>{" "}
          <button
            type="button"
            onClick={() => {
              for (const p of recovered) clearPending(slug, target.code, p.segmentId);
              setRecovered([]);
            }}
          >
            {t("recovery.discard")}
          </button>
        </div>
      )}

      <div className="wb-main">
        <div className="wb-list" ref={scrollRef} data-testid="segment-list">
          {/* Rendered on the client only: inline sizes set from script are allowed by the CSP, style attributes in HTML are not. */}
          {hydrated && <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
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
                    here={presenceBySegment.get(s.id)}
                    onActivate={activate}
                    onConfirm={confirm}
                    onCopySource={copySource}
                    onReview={onReview}
                    onTyping={onTyping}
                    highlights={s.id === activeId ? glossaryConcepts : undefined}
                  />
                </div>
              );
            })}
          </div>}
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
          memory={{ matches: memoryMatches, loading: memory.isLoading }}
          onUseMatch={(text) => active && applyMemoryMatch(active, text)}
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
        }} />
      </div>

      {conflict && (
        <ConflictDialog
          conflict={conflict}
          target={target}
          onResolve={async (choice) => {
            const c = conflict;
            setConflict(null);
            const outcome = await store.resolveConflict(c.segmentId, choice, c.current);
            if (outcome?.kind === "conflict") return;
          }}
        />
      )}
      {helpOpen && <HelpDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

interface RowProps {
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

function useDraft(store: DraftStore, segmentId: string): Draft | undefined {
  return useSyncExternalStore(
    (cb) => store.subscribe(segmentId, cb),
    () => store.get(segmentId),
    () => undefined,
  );
}

/** One segment: source beside target, with status; the active one is editable. */
const SegmentRow = memo(function SegmentRow({ segment, number, active, store, source, target, canEdit, canApprove, here, onActivate, onConfirm, onCopySource, onReview, onTyping, highlights }: RowProps) {
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

/** The value, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ConflictDialog({ conflict, target, onResolve }: { conflict: Conflict; target: LangInfo; onResolve(choice: { keep: "mine" } | { keep: "theirs" } | { merged: string }): void }) {
  const { t } = useTranslation("workbench");
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState(conflict.mine);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const theirs = conflict.current;
  return (
    <dialog ref={ref} className="wb-dialog" aria-labelledby="conflict-title" data-testid="conflict-dialog" onCancel={(e) => e.preventDefault()}>
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.body", { name: theirs?.updatedByName ?? "?", version: theirs?.version ?? 0 })}</p>
      <div className="wb-conflict-columns">
        <section>
          <h3>{t("conflict.yours")}</h3>
          <p lang={target.bcp47} dir={target.dir} data-testid="conflict-mine">
            {conflict.mine}
          </p>
        </section>
        <section>
          <h3>{t("conflict.theirs", { version: theirs?.version ?? 0 })}</h3>
          <p lang={target.bcp47} dir={target.dir} data-testid="conflict-theirs">
            {theirs?.text ?? ""}
          </p>
        </section>
      </div>
      {merging ? (
        <>
          <textarea lang={target.bcp47} dir={target.dir} value={merged} onChange={(e) => setMerged(e.target.value)} data-testid="conflict-merged" aria-label={t("conflict.merge")} rows={5} />
          <button type="button" onClick={() => onResolve({ merged })} data-testid="conflict-save-merged">
            {t("conflict.saveMerged")}
          </button>
        </>
      ) : (
        <div className="wb-actions">
          <button type="button" onClick={() => onResolve({ keep: "mine" })} data-testid="conflict-keep-mine">
            {t("conflict.keepMine")}
          </button>
          <button type="button" onClick={() => onResolve({ keep: "theirs" })} data-testid="conflict-take-theirs">
            {t("conflict.takeTheirs")}
          </button>
          <button type="button" onClick={() => setMerging(true)} data-testid="conflict-merge">
            {t("conflict.merge")}
          </button>
        </div>
      )}
    </dialog>
  );
}

function HelpDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation("workbench");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const rows: [string, string][] = [
    ["Ctrl+Enter", t("help.confirm")],
    ["Alt+↓", t("help.next")],
    ["Alt+↑", t("help.previous")],
    ["Ctrl+Insert", t("help.copySource")],
    ["Ctrl+Shift+1 … 9", t("help.insertTerm")],
    ["Alt+Shift+1 … 5", t("help.applyMatch")],
    ["Alt+Shift+6 … 9", t("mt:help.applyMt")],
    ["Alt+0", t("help.filterAll")],
    ["Alt+1 … Alt+4", t("help.filterStatus")],
    ["/", t("help.search")],
    ["?", t("help.help")],
  ];
  return (
    <dialog ref={ref} className="wb-dialog" aria-labelledby="help-title" data-testid="help-dialog" onClose={onClose}>
      <h2 id="help-title">{t("help.title")}</h2>
      <table className="data-table">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row" dir="ltr">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => ref.current?.close()} data-testid="help-close" autoFocus>
        {t("help.close")}
      </button>
    </dialog>
  );
}
