/**
 * The translator's unsaved text, outside React. Every keystroke is written to
 * local storage first, then saved (debounced) on top of the version it was
 * typed on; only one save per segment is in flight, a stale save comes back as
 * a conflict for the translator to resolve, and a failed save is kept and
 * retried. Rows subscribe per segment, so typing re-renders one row only.
 */
import type { TranslationStatus } from "@/lib/db/schema";
import type { TextOrigin, Translation } from "./schemas";
import type { PendingEdit } from "./pending";

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "offline" | "conflict";

export interface Draft {
  readonly text: string;
  /** Server version the text is based on (0: no translation yet). */
  readonly base: number;
  readonly status: "draft" | "translated";
  readonly state: SaveState;
  /** Where the text came from when a suggestion was put in; sent with every save until one succeeds. */
  readonly origin?: TextOrigin;
}

export interface ServerText {
  readonly text: string;
  readonly status: TranslationStatus;
  readonly version: number;
}

export type SaveOutcome = { kind: "saved"; translation: Translation } | { kind: "conflict"; current: Translation | null } | { kind: "offline" } | { kind: "error"; error: unknown };

export interface DraftStoreDeps {
  save(segmentId: string, body: { text: string; status: "draft" | "translated"; baseVersion: number; qaOverride?: { reason: string }; origin?: TextOrigin }): Promise<SaveOutcome>;
  onSaved(segmentId: string, translation: Translation): void;
  onConflict(segmentId: string, mine: string, current: Translation | null): void;
  onError?(segmentId: string, error: unknown): void;
  persist: { put(edit: PendingEdit): void; clear(segmentId: string, savedText?: string): void };
  debounceMs?: number;
  now?: () => number;
}

export class DraftStore {
  private readonly drafts = new Map<string, Draft>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Map<string, Promise<SaveOutcome>>();
  private readonly anyListeners = new Set<() => void>();

  constructor(private readonly deps: DraftStoreDeps) {}

  get(segmentId: string): Draft | undefined {
    return this.drafts.get(segmentId);
  }

  /** Segments with text the server has not acknowledged. */
  unsaved(): string[] {
    return [...this.drafts].filter(([, d]) => d.state === "dirty" || d.state === "saving" || d.state === "offline" || d.state === "conflict").map(([id]) => id);
  }

  subscribe(segmentId: string, listener: () => void): () => void {
    const set = this.listeners.get(segmentId) ?? new Set();
    set.add(listener);
    this.listeners.set(segmentId, set);
    return () => set.delete(listener);
  }

  /** Called on any change (save states for the status bar). */
  subscribeAll(listener: () => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  private set(segmentId: string, draft: Draft | undefined) {
    if (draft) this.drafts.set(segmentId, draft);
    else this.drafts.delete(segmentId);
    this.listeners.get(segmentId)?.forEach((l) => l());
    this.anyListeners.forEach((l) => l());
  }

  /** The server's text changed (load or live update): adopt it unless the translator has unsaved text. */
  serverChanged(segmentId: string, server: ServerText | null): void {
    const d = this.drafts.get(segmentId);
    if (!d) return;
    if (d.state === "idle" || d.state === "saved") {
      if (server && server.version >= d.base) this.set(segmentId, undefined);
    }
  }

  /** Restores text kept from an earlier session (it is saved right away). */
  restore(edit: PendingEdit): void {
    this.set(edit.segmentId, { text: edit.text, base: edit.baseVersion, status: edit.status, state: "dirty", ...(edit.origin ? { origin: edit.origin } : {}) });
    void this.flush(edit.segmentId);
  }

  /**
   * A keystroke (or a suggestion put in, with its `origin`): kept locally at
   * once, saved after a pause. Typing on keeps the origin of the suggestion
   * until a save has carried it to the server.
   */
  edit(segmentId: string, text: string, server: ServerText | null, origin?: TextOrigin): void {
    const d = this.drafts.get(segmentId);
    const base = d ? d.base : (server?.version ?? 0);
    const kept = origin ?? d?.origin;
    const next: Draft = { text, base, status: "draft", state: d?.state === "conflict" ? "conflict" : "dirty", ...(kept ? { origin: kept } : {}) };
    this.set(segmentId, next);
    this.deps.persist.put({ segmentId, text, status: "draft", baseVersion: base, typedAt: (this.deps.now ?? Date.now)(), ...(kept ? { origin: kept } : {}) });
    if (next.state === "conflict") return;
    clearTimeout(this.timers.get(segmentId));
    this.timers.set(
      segmentId,
      setTimeout(() => void this.flush(segmentId), this.deps.debounceMs ?? 800),
    );
  }

  /** Saves now, with the given status ("translated" confirms; a reviewer may override QA errors with a reason). */
  async flush(segmentId: string, status?: "draft" | "translated", server?: ServerText | null, qaOverride?: { reason: string }): Promise<SaveOutcome | undefined> {
    clearTimeout(this.timers.get(segmentId));
    this.timers.delete(segmentId);
    const pending = this.inFlight.get(segmentId);
    if (pending) {
      await pending.catch(() => undefined);
      return this.flush(segmentId, status, server, qaOverride);
    }
    let d = this.drafts.get(segmentId);
    if (!d) {
      if (!status || !server) return undefined;
      // Confirming text that is already on the server.
      d = { text: server.text, base: server.version, status, state: "dirty" };
    }
    if (d.state === "conflict") return undefined;
    const body = { text: d.text, status: status ?? d.status, baseVersion: d.base, ...(qaOverride ? { qaOverride } : {}), ...(d.origin ? { origin: d.origin } : {}) };
    this.set(segmentId, { ...d, status: body.status, state: "saving" });
    if (status) this.deps.persist.put({ segmentId, text: d.text, status: body.status, baseVersion: d.base, typedAt: (this.deps.now ?? Date.now)(), ...(d.origin ? { origin: d.origin } : {}) });
    const request = this.deps.save(segmentId, body);
    this.inFlight.set(segmentId, request);
    let outcome: SaveOutcome;
    try {
      outcome = await request;
    } catch (error) {
      outcome = { kind: "error", error };
    } finally {
      this.inFlight.delete(segmentId);
    }
    const now = this.drafts.get(segmentId);
    if (outcome.kind === "saved") {
      const t = outcome.translation;
      this.deps.onSaved(segmentId, t);
      if (now && now.text !== body.text) {
        // Typed on while saving: the newer text goes next, on top of this version.
        // The origin went with the save that succeeded: the server remembers it from here on.
        this.set(segmentId, { text: now.text, base: t.version, status: now.status, state: "dirty" });
        this.deps.persist.put({ segmentId, text: now.text, status: now.status, baseVersion: t.version, typedAt: (this.deps.now ?? Date.now)() });
        return this.flush(segmentId);
      }
      this.deps.persist.clear(segmentId, body.text);
      this.set(segmentId, { text: t.text, base: t.version, status: body.status, state: "saved" });
    } else if (outcome.kind === "conflict") {
      this.set(segmentId, { ...(now ?? d), state: "conflict" });
      this.deps.onConflict(segmentId, (now ?? d).text, outcome.current);
    } else if (outcome.kind === "offline") {
      this.set(segmentId, { ...(now ?? d), state: "offline" });
    } else {
      this.set(segmentId, { ...(now ?? d), state: "dirty" });
      this.deps.onError?.(segmentId, outcome.error);
    }
    return outcome;
  }

  /** Tries every unsaved segment again (the connection came back). */
  async retry(): Promise<void> {
    for (const [id, d] of [...this.drafts]) if (d.state === "offline" || d.state === "dirty") await this.flush(id);
  }

  /** The translator chose how to end a conflict with the server's `current` text. */
  async resolveConflict(segmentId: string, choice: { keep: "mine" } | { keep: "theirs" } | { merged: string }, current: Translation | null): Promise<SaveOutcome | undefined> {
    const d = this.drafts.get(segmentId);
    if (!d) return undefined;
    const base = current?.version ?? 0;
    if ("keep" in choice && choice.keep === "theirs") {
      this.deps.persist.clear(segmentId);
      this.set(segmentId, undefined);
      if (current) this.deps.onSaved(segmentId, current);
      return undefined;
    }
    const text = "merged" in choice ? choice.merged : d.text;
    this.set(segmentId, { text, base, status: d.status, state: "dirty", ...(d.origin ? { origin: d.origin } : {}) });
    this.deps.persist.put({ segmentId, text, status: d.status, baseVersion: base, typedAt: (this.deps.now ?? Date.now)(), ...(d.origin ? { origin: d.origin } : {}) });
    return this.flush(segmentId);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
