import { afterAll, describe, expect, it } from "vitest";
import { LocalEventBus, PostgresEventBus, PresenceTracker, type WorkbenchEvent } from "@/features/workbench/server/events";

const pgUrl = process.env.TEST_POSTGRES_URL;

const translation = (text: string): WorkbenchEvent => ({
  type: "translation",
  documentId: "doc_1",
  lang: "ckb",
  segmentId: "seg_1",
  translation: { text, status: "draft", version: 2, updatedBy: "u1", updatedByName: "شیلان", updatedAt: "2026-01-01T00:00:00Z" },
});

function next(bus: { subscribe: LocalEventBus["subscribe"] }, documentId: string, lang: string): Promise<WorkbenchEvent> {
  return new Promise((resolve) => {
    const off = bus.subscribe(documentId, lang, (e) => {
      off();
      resolve(e);
    });
  });
}

describe("LocalEventBus", () => {
  it("delivers an event to the subscribers of its document and language only", async () => {
    const bus = new LocalEventBus();
    const seen: string[] = [];
    bus.subscribe("doc_1", "tr", () => seen.push("tr"));
    const ckb = next(bus, "doc_1", "ckb");
    await bus.publish(translation("سڵاو"));
    expect(await ckb).toMatchObject({ segmentId: "seg_1" });
    expect(seen).toEqual([]);
  });
});

describe("PresenceTracker", () => {
  it("knows who is on which segment and forgets silent users", () => {
    const p = new PresenceTracker();
    p.observe({ type: "presence", documentId: "d", lang: "tr", userId: "u1", name: "Ayşe", segmentId: "s1", editing: true, at: 1000 });
    p.observe({ type: "presence", documentId: "d", lang: "tr", userId: "u2", name: "Emre", segmentId: "s2", editing: false, at: 1000 });
    p.observe({ type: "presence", documentId: "d", lang: "tr", userId: "u2", name: "Emre", segmentId: null, editing: false, at: 2000 });
    expect(p.snapshot("d", "tr", 2000).map((e) => e.name)).toEqual(["Ayşe"]);
    expect(p.snapshot("d", "tr", 1000 + PresenceTracker.TTL_MS + 1)).toEqual([]);
  });
});

describe.skipIf(!pgUrl)("PostgresEventBus (LISTEN/NOTIFY)", () => {
  const a = new PostgresEventBus(pgUrl!);
  const b = new PostgresEventBus(pgUrl!);
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("carries an event from one app instance to another", async () => {
    const received = next(b, "doc_1", "ckb");
    await new Promise((r) => setTimeout(r, 200)); // b's LISTEN connection is set up on subscribe
    await a.publish(translation("دەقێکی کورت"));
    expect(await received).toMatchObject({ translation: { text: "دەقێکی کورت" } });
  });

  it("splits events longer than NOTIFY's 8000-byte limit and joins them again", async () => {
    const long = "ڕێککەوتنی سۆچی ".repeat(1500);
    const received = next(b, "doc_1", "ckb");
    await a.publish(translation(long));
    expect(((await received) as Extract<WorkbenchEvent, { type: "translation" }>).translation.text).toBe(long);
  });
});
