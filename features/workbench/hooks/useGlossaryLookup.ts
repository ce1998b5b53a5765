"use client";

import { useQuery } from "@tanstack/react-query";
import { workbenchApi } from "../api";
import { workbenchKeys } from "../query-keys";
import { useDebounced } from "./useDebounced";

/**
 * The glossary lookup of the active segment (its source, and the target as
 * typed, settled for 300 ms). The row marks its terms, QA checks against it
 * and the glossary panel lists it: one query, read by all three.
 */
export function useGlossaryLookup({ segmentId, source, targetText, sourceLang, targetLang, enabled }: { segmentId: string | null; source: string | undefined; targetText: string; sourceLang: string; targetLang: string; enabled: boolean }) {
  const settled = useDebounced(targetText, 300);
  return useQuery({
    queryKey: workbenchKeys.glossary(segmentId ?? "", targetLang, settled),
    queryFn: () => workbenchApi.glossary({ sourceLang, targetLang, source: source!, target: settled }),
    enabled: Boolean(segmentId && source !== undefined) && enabled,
    // While the translator types, the last lookup of this segment stays on screen; another
    // segment's lookup never does (its offsets would mark the wrong words).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === segmentId ? previous : undefined),
  });
}
