"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { workbenchApi } from "../api";
import type { PresenceEntry } from "./useLiveUpdates";

/**
 * Who else is on which segment: tells the others where we are (with a
 * heartbeat, and when leaving the page), that we type (at most every ten
 * seconds), and keeps the others' entries from the live updates.
 */
export function usePresence({ slug, lang, meId, activeId, enabled }: { slug: string; lang: string; meId: string; activeId: string | null; enabled: boolean }) {
  const [presence, setPresence] = useState<ReadonlyMap<string, PresenceEntry>>(new Map());
  const activeRef = useRef(activeId);
  activeRef.current = activeId;

  useEffect(() => {
    if (!enabled) return;
    const announce = () => void workbenchApi.presence(slug, { lang, segmentId: activeRef.current, editing: false }).catch(() => {});
    announce();
    const timer = setInterval(announce, 20_000);
    const leave = () => navigator.sendBeacon?.(`/api/v1/documents/${encodeURIComponent(slug)}/presence`, JSON.stringify({ lang, segmentId: null, editing: false }));
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
    };
  }, [enabled, slug, lang, activeId]);

  const lastTyping = useRef(0);
  const onTyping = useCallback(
    (segmentId: string) => {
      const now = Date.now();
      if (now - lastTyping.current < 10_000) return;
      lastTyping.current = now;
      void workbenchApi.presence(slug, { lang, segmentId, editing: true }).catch(() => {});
    },
    [slug, lang],
  );

  /** Entries from the live updates (`replace`: a full list). */
  const onPresence = useCallback(
    (entries: readonly PresenceEntry[], replace: boolean) => {
      setPresence((old) => {
        const next = new Map(replace ? [] : old);
        for (const e of entries) {
          if (e.userId === meId) continue;
          if (e.segmentId === null) next.delete(e.userId);
          else next.set(e.userId, e);
        }
        return next;
      });
    },
    [meId],
  );

  const bySegment = useMemo(() => {
    const map = new Map<string, PresenceEntry[]>();
    for (const p of presence.values()) if (p.segmentId) map.set(p.segmentId, [...(map.get(p.segmentId) ?? []), p]);
    return map;
  }, [presence]);

  return { bySegment, onTyping, onPresence };
}
