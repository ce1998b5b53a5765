import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftStore, type SaveOutcome } from "@/features/workbench/draft-store";
import type { PendingEdit } from "@/features/workbench/pending";
import type { TextOrigin, Translation } from "@/features/workbench/schemas";

/** A fake server: holds one translation per segment, answers like the API. */
class FakeServer {
  version = 0;
  text = "";
  by: string | null = null;
  calls: { text: string; baseVersion: number; status: string; origin?: TextOrigin }[] = [];
  offline = false;
  gate: Promise<void> | null = null;

  translation(): Translation {
    return { segmentId: "s1", lang: "tr", text: this.text, status: "draft", version: this.version, updatedBy: this.by, updatedByName: this.by, updatedAt: "2026-01-01T00:00:00Z" };
  }

  async save(_id: string, body: { text: string; status: "draft" | "translated"; baseVersion: number; origin?: TextOrigin }): Promise<SaveOutcome> {
    this.calls.push(body);
    if (this.gate) await this.gate;
    if (this.offline) return { kind: "offline" };
    if (body.baseVersion !== this.version) return { kind: "conflict", current: this.translation() };
    this.version++;
    this.text = body.text;
    this.by = "me";
    return { kind: "saved", translation: this.translation() };
  }

  /** Someone else saves. */
  otherSaves(text: string) {
    this.version++;
    this.text = text;
    this.by = "other";
  }
}

function setup() {
  const server = new FakeServer();
  const stored = new Map<string, PendingEdit>();
  const conflicts: { mine: string; current: Translation | null }[] = [];
  const saved: Translation[] = [];
  const store = new DraftStore({
    save: (id, body) => server.save(id, body),
    onSaved: (_id, t) => saved.push(t),
    onConflict: (_id, mine, current) => conflicts.push({ mine, current }),
    persist: {
      put: (e) => stored.set(e.segmentId, e),
      clear: (id, text) => {
        if (text === undefined || stored.get(id)?.text === text) stored.delete(id);
      },
    },
    debounceMs: 500,
  });
  return { server, stored, conflicts, saved, store };
}

describe("DraftStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps every keystroke locally at once and saves after a pause", async () => {
    const { server, stored, store } = setup();
    store.edit("s1", "M", null);
    store.edit("s1", "Me", null);
    store.edit("s1", "Met", null);
    expect(stored.get("s1")).toMatchObject({ text: "Met", baseVersion: 0 });
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(server.calls).toEqual([{ text: "Met", status: "draft", baseVersion: 0 }]);
    expect(stored.has("s1")).toBe(false);
    expect(store.get("s1")).toMatchObject({ state: "saved", base: 1 });
  });

  it("sends text typed during a save next, on top of the version that save created", async () => {
    const { server, stored, store } = setup();
    let open!: () => void;
    server.gate = new Promise((r) => (open = r));
    store.edit("s1", "one", null);
    await vi.advanceTimersByTimeAsync(500);
    store.edit("s1", "one two", null);
    server.gate = null;
    open();
    await vi.runAllTimersAsync();
    expect(server.calls.map((c) => [c.text, c.baseVersion])).toEqual([
      ["one", 0],
      ["one two", 1],
    ]);
    expect(server.text).toBe("one two");
    expect(stored.size).toBe(0);
  });

  it("never overwrites a colleague's newer text: the stale save becomes a conflict", async () => {
    const { server, store, conflicts } = setup();
    store.edit("s1", "mine", null);
    server.otherSaves("theirs");
    await vi.advanceTimersByTimeAsync(500);
    expect(server.text).toBe("theirs");
    expect(conflicts).toEqual([{ mine: "mine", current: expect.objectContaining({ text: "theirs", version: 1, updatedBy: "other" }) }]);
    expect(store.get("s1")?.state).toBe("conflict");
    // Typing on does not fire more stale saves while the conflict is open.
    store.edit("s1", "mine!", null);
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.calls).toHaveLength(1);
  });

  it("keeps mine on top of theirs when the translator says so", async () => {
    const { server, store, conflicts } = setup();
    store.edit("s1", "mine", null);
    server.otherSaves("theirs");
    await vi.advanceTimersByTimeAsync(500);
    await store.resolveConflict("s1", { keep: "mine" }, conflicts[0]!.current);
    expect(server.text).toBe("mine");
    expect(server.version).toBe(2);
  });

  it("saves a hand-merged text, or takes theirs and drops mine", async () => {
    const a = setup();
    a.store.edit("s1", "mine", null);
    a.server.otherSaves("theirs");
    await vi.advanceTimersByTimeAsync(500);
    await a.store.resolveConflict("s1", { merged: "mine + theirs" }, a.conflicts[0]!.current);
    expect(a.server.text).toBe("mine + theirs");

    const b = setup();
    b.store.edit("s1", "mine", null);
    b.server.otherSaves("theirs");
    await vi.advanceTimersByTimeAsync(500);
    await b.store.resolveConflict("s1", { keep: "theirs" }, b.conflicts[0]!.current);
    expect(b.server.text).toBe("theirs");
    expect(b.store.get("s1")).toBeUndefined();
    expect(b.stored.size).toBe(0);
  });

  it("keeps text while offline and saves it when retried", async () => {
    const { server, stored, store } = setup();
    server.offline = true;
    store.edit("s1", "typed offline", null);
    await vi.advanceTimersByTimeAsync(500);
    expect(store.get("s1")?.state).toBe("offline");
    expect(stored.get("s1")?.text).toBe("typed offline");
    server.offline = false;
    await store.retry();
    expect(server.text).toBe("typed offline");
    expect(stored.size).toBe(0);
  });

  it("restores text from an earlier session and saves it on its original base", async () => {
    const { server, store } = setup();
    server.otherSaves("v1");
    store.restore({ segmentId: "s1", text: "recovered", status: "draft", baseVersion: 1, typedAt: 0 });
    await vi.runAllTimersAsync();
    expect(server.text).toBe("recovered");
    expect(server.calls[0]).toMatchObject({ baseVersion: 1 });
  });

  it("confirms text already on the server as translated", async () => {
    const { server, store } = setup();
    server.otherSaves("done");
    const outcome = await store.flush("s1", "translated", { text: "done", status: "draft", version: 1 });
    expect(outcome?.kind).toBe("saved");
    expect(server.calls[0]).toEqual({ text: "done", status: "translated", baseVersion: 1 });
  });

  describe("the origin of an inserted suggestion", () => {
    const mt: TextOrigin = { kind: "mt", provider: "deepl", suggestion: "[tr] Hello" };

    it("goes with the retry of a failed save, and with no save after one succeeded", async () => {
      const { server, store } = setup();
      server.offline = true;
      store.edit("s1", mt.suggestion, null, mt);
      await vi.advanceTimersByTimeAsync(500);
      expect(store.get("s1")?.state).toBe("offline");
      expect(server.calls[0]?.origin).toEqual(mt);
      server.offline = false;
      await store.retry();
      expect(server.calls[1]).toMatchObject({ text: mt.suggestion, origin: mt });
      expect(server.text).toBe(mt.suggestion);
      store.edit("s1", `${mt.suggestion}!`, null);
      await vi.advanceTimersByTimeAsync(500);
      expect(server.calls[2]).toMatchObject({ text: `${mt.suggestion}!` });
      expect(server.calls[2]?.origin).toBeUndefined();
    });

    it("stays with the draft while the translator edits the suggestion before the save goes through", async () => {
      const { server, store } = setup();
      server.offline = true;
      store.edit("s1", mt.suggestion, null, mt);
      await vi.advanceTimersByTimeAsync(500);
      store.edit("s1", `${mt.suggestion}, edited`, null);
      server.offline = false;
      await vi.advanceTimersByTimeAsync(500);
      expect(server.calls.at(-1)).toMatchObject({ text: `${mt.suggestion}, edited`, origin: mt });
    });

    it("is kept in local storage with the pending text, so a reload restores it", async () => {
      const { server, stored, store } = setup();
      server.offline = true;
      const memory: TextOrigin = { kind: "memory", score: 87, suggestion: "Merhaba" };
      store.edit("s1", "Merhaba", null, memory);
      await vi.advanceTimersByTimeAsync(500);
      expect(stored.get("s1")?.origin).toEqual(memory);
      const after = setup();
      after.store.restore(stored.get("s1")!);
      await vi.runAllTimersAsync();
      expect(after.server.calls[0]).toMatchObject({ text: "Merhaba", origin: memory });
    });

    it("survives a conflict and goes with the resolved text", async () => {
      const { server, store, conflicts } = setup();
      server.otherSaves("theirs");
      store.edit("s1", mt.suggestion, null, mt);
      await vi.advanceTimersByTimeAsync(500);
      expect(conflicts).toHaveLength(1);
      await store.resolveConflict("s1", { keep: "mine" }, conflicts[0]!.current);
      expect(server.calls.at(-1)).toMatchObject({ text: mt.suggestion, baseVersion: 1, origin: mt });
      expect(server.text).toBe(mt.suggestion);
    });
  });
});
