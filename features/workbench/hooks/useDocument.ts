"use client";

import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { workbenchApi } from "../api";
import { workbenchKeys } from "../query-keys";
import type { Translation, WorkbenchDocument, WorkbenchSegment } from "../schemas";

/** The document's segments in the target language (one query), and a writer for one segment's translation in its cache. */
export function useWorkbenchDocument(slug: string, lang: string, initial: WorkbenchDocument) {
  const queryClient = useQueryClient();
  const key = workbenchKeys.document(slug, lang);
  const { data } = useQuery({ queryKey: key, queryFn: () => workbenchApi.document(slug, lang), initialData: initial });

  /** Writes one segment's translation into the query cache. */
  const setSegmentTranslation = useCallback(
    (segmentId: string, tr: Translation | null, extra?: Partial<WorkbenchSegment>) => {
      queryClient.setQueryData<WorkbenchDocument>(workbenchKeys.document(slug, lang), (old) =>
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
    [queryClient, slug, lang],
  );

  /** The segments as they are in the cache now (for callbacks that must not re-create on every change). */
  const currentSegments = useCallback(() => queryClient.getQueryData<WorkbenchDocument>(workbenchKeys.document(slug, lang))?.segments, [queryClient, slug, lang]);

  return { data, key, setSegmentTranslation, currentSegments };
}

/** The server's side of a segment, as the draft store compares it. */
export const serverOf = (s: WorkbenchSegment) => (s.translation ? { text: s.translation.text, status: s.translation.status, version: s.translation.version } : null);
