"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api/client";
import { workbenchApi } from "../api";
import { workbenchKeys } from "../query-keys";
import { DraftStore, type SaveOutcome } from "../draft-store";
import { clearPending, putPending } from "../pending";
import type { TextOrigin, Translation, WorkbenchDocument } from "../schemas";

export type Conflict = { segmentId: string; mine: string; current: Translation | null };

type SaveBody = { text: string; status: "draft" | "translated"; baseVersion: number; qaOverride?: { reason: string }; origin?: TextOrigin };

/**
 * The editor's draft store, wired to the save endpoint: optimistic rows,
 * conflicts and errors reported to the caller, offline detection and retry
 * when the connection comes back, and a warning before leaving unsaved text.
 */
export function useDraftStore({
  slug,
  lang,
  me,
  setSegmentTranslation,
  onConflict,
  onError,
}: {
  slug: string;
  lang: string;
  me: { readonly id: string; readonly name: string };
  setSegmentTranslation(segmentId: string, tr: Translation | null): void;
  onConflict(c: Conflict): void;
  onError(e: unknown): void;
}) {
  const queryClient = useQueryClient();
  const key = workbenchKeys.document(slug, lang);
  const [online, setOnline] = useState(true);

  const saveMutation = useMutation({
    mutationFn: async (v: { segmentId: string; body: SaveBody }): Promise<SaveOutcome> => {
      try {
        return { kind: "saved", translation: (await workbenchApi.save(v.segmentId, lang, v.body)).translation };
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
        setSegmentTranslation(v.segmentId, {
          segmentId: v.segmentId,
          lang,
          text: v.body.text,
          status: v.body.status,
          version: seg.translation?.version ?? 0,
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

  const handlers = useRef({ onConflict, onError });
  handlers.current = { onConflict, onError };
  const storeRef = useRef<DraftStore | null>(null);
  if (!storeRef.current) {
    storeRef.current = new DraftStore({
      // The body carries the text's origin (kept with the draft until a save succeeds).
      save: (segmentId, body) => saveMutation.mutateAsync({ segmentId, body }),
      onSaved: (segmentId, tr) => {
        setSegmentTranslation(segmentId, tr);
        setOnline(true);
      },
      onConflict: (segmentId, mine, current) => handlers.current.onConflict({ segmentId, mine, current }),
      onError: (_id, e) => handlers.current.onError(e),
      persist: {
        put: (edit) => putPending(slug, lang, edit),
        clear: (segmentId, savedText) => clearPending(slug, lang, segmentId, savedText),
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

  return { store, online };
}
