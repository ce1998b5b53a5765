"use client";

import { useSyncExternalStore } from "react";
import type { Draft, DraftStore } from "../draft-store";

/** One segment's unsaved text; re-renders only when that segment's draft changes. */
export function useDraft(store: DraftStore, segmentId: string): Draft | undefined {
  return useSyncExternalStore(
    (cb) => store.subscribe(segmentId, cb),
    () => store.get(segmentId),
    () => undefined,
  );
}
