"use client";

import { useEffect, useRef } from "react";

export interface PresenceEntry {
  readonly userId: string;
  readonly name: string;
  readonly segmentId: string | null;
  readonly editing: boolean;
  readonly at: number;
}

export interface LiveHandlers {
  onTranslation(segmentId: string, t: { text: string; status: string; version: number; updatedBy: string | null; updatedByName: string | null; updatedAt: string }): void;
  onComments(segmentId: string, openThreads: number): void;
  onPresence(entries: readonly PresenceEntry[], replace: boolean): void;
  onConnection(connected: boolean): void;
}

/** Subscribes to the document's server-sent events; reconnects by itself (EventSource). */
export function useLiveUpdates(slug: string, lang: string, handlers: LiveHandlers) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const source = new EventSource(`/api/v1/documents/${encodeURIComponent(slug)}/events?lang=${encodeURIComponent(lang)}`);
    source.addEventListener("open", () => ref.current.onConnection(true));
    source.addEventListener("error", () => ref.current.onConnection(false));
    source.addEventListener("hello", (e) => {
      const { presence } = JSON.parse((e as MessageEvent<string>).data) as { presence: PresenceEntry[] };
      ref.current.onPresence(presence, true);
    });
    source.addEventListener("translation", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data);
      ref.current.onTranslation(data.segmentId, data.translation);
    });
    source.addEventListener("comments", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data);
      ref.current.onComments(data.segmentId, data.openThreads);
    });
    source.addEventListener("presence", (e) => {
      ref.current.onPresence([JSON.parse((e as MessageEvent<string>).data) as PresenceEntry], false);
    });
    return () => source.close();
  }, [slug, lang]);
}
