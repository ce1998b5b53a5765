import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { resolveDbConfig, type DbConfig } from "@/lib/db/connection";

/** What the workbench broadcasts to everyone with a document and language open. */
export type WorkbenchEvent =
  | {
      readonly type: "translation";
      readonly documentId: string;
      readonly lang: string;
      readonly segmentId: string;
      readonly translation: { text: string; status: string; version: number; updatedBy: string | null; updatedByName: string | null; updatedAt: string };
    }
  | { readonly type: "presence"; readonly documentId: string; readonly lang: string; readonly userId: string; readonly name: string; readonly segmentId: string | null; readonly editing: boolean; readonly at: number }
  | { readonly type: "comments"; readonly documentId: string; readonly lang: string; readonly segmentId: string; readonly openThreads: number }
  /** An edition was published, updated or unpublished: every instance revalidates its cached reader pages. */
  | { readonly type: "edition"; readonly documentId: string; readonly lang: string; readonly slug: string; readonly action: "publish" | "update" | "unpublish" };

/**
 * Some of a user's sessions ended (disabled, signed out, password changed or
 * reset): their open event streams check their session again at once.
 */
export interface SessionEndedEvent {
  readonly type: "session_ended";
  readonly userId: string;
}

/** A glossary term or concept changed (approved, rejected, edited, imported): cached reader pages mark terms, so every instance drops them. */
export interface GlossaryChangedEvent {
  readonly type: "glossary_changed";
}

type BusEvent = WorkbenchEvent | SessionEndedEvent | GlossaryChangedEvent;

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  subscribe(documentId: string, lang: string, listener: (event: WorkbenchEvent) => void): () => void;
  /** Every event, whatever the document (presence tracking). */
  subscribeAll(listener: (event: WorkbenchEvent) => void): () => void;
  /** Session ends of one user, whichever instance heard of them. */
  subscribeSessionEnds(userId: string, listener: (event: SessionEndedEvent) => void): () => void;
  /** Glossary changes, whichever instance made them. */
  subscribeGlossaryChanges(listener: (event: GlossaryChangedEvent) => void): () => void;
  close(): Promise<void>;
}

const channelOf = (documentId: string, lang: string) => `${documentId}\u0000${lang}`;
const ALL = "\u0000all";
const sessionChannelOf = (userId: string) => `\u0000session\u0000${userId}`;
const GLOSSARY = "\u0000glossary";
const PG_CHANNEL = "wb_events";
/** PostgreSQL's NOTIFY payload limit is 8000 bytes: events travel as base64 (ASCII) in chunks below it. */
const PG_CHUNK = 7000;

/** One process: an EventEmitter fans events out to this instance's subscribers. */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: BusEvent): Promise<void> {
    this.deliver(event);
  }

  protected deliver(event: BusEvent): void {
    if (event.type === "glossary_changed") {
      this.emitter.emit(GLOSSARY, event);
      return;
    }
    if (event.type === "session_ended") {
      this.emitter.emit(sessionChannelOf(event.userId), event);
      return;
    }
    this.emitter.emit(channelOf(event.documentId, event.lang), event);
    this.emitter.emit(ALL, event);
  }

  subscribeAll(listener: (event: WorkbenchEvent) => void): () => void {
    this.emitter.on(ALL, listener);
    return () => this.emitter.off(ALL, listener);
  }

  subscribe(documentId: string, lang: string, listener: (event: WorkbenchEvent) => void): () => void {
    const channel = channelOf(documentId, lang);
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  subscribeSessionEnds(userId: string, listener: (event: SessionEndedEvent) => void): () => void {
    const channel = sessionChannelOf(userId);
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  subscribeGlossaryChanges(listener: (event: GlossaryChangedEvent) => void): () => void {
    this.emitter.on(GLOSSARY, listener);
    return () => this.emitter.off(GLOSSARY, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Several app instances on one PostgreSQL: events go out with NOTIFY and every
 * instance (this one included) hears them through LISTEN, so all agree.
 */
export class PostgresEventBus extends LocalEventBus {
  private listener: pg.Client | undefined;
  private ready: Promise<void> | undefined;
  private readonly publisher: pg.Pool;
  private readonly partial = new Map<string, string[]>();

  constructor(private readonly url: string) {
    super();
    this.publisher = new pg.Pool({ connectionString: url, max: 2 });
  }

  private connect(): Promise<void> {
    this.ready ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on("notification", (msg) => this.receive(msg.payload ?? ""));
      client.on("error", () => {
        // Reconnect on the next publish or subscribe.
        this.listener = undefined;
        this.ready = undefined;
      });
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
      this.listener = client;
    })();
    return this.ready;
  }

  private receive(payload: string) {
    // Payload: "<id> <index> <count> <chunk>".
    const [id, index, count] = payload.split(" ", 3);
    const chunk = payload.slice(`${id} ${index} ${count} `.length);
    const parts = this.partial.get(id!) ?? new Array<string>(Number(count));
    parts[Number(index)] = chunk;
    if (parts.filter((p) => p !== undefined).length < Number(count)) {
      this.partial.set(id!, parts);
      return;
    }
    this.partial.delete(id!);
    try {
      this.deliver(JSON.parse(Buffer.from(parts.join(""), "base64").toString("utf8")) as BusEvent);
    } catch {
      /* a malformed payload is dropped */
    }
  }

  override async publish(event: BusEvent): Promise<void> {
    await this.connect();
    const json = Buffer.from(JSON.stringify(event), "utf8").toString("base64");
    const id = Math.random().toString(36).slice(2, 10);
    const chunks: string[] = [];
    for (let i = 0; i < json.length; i += PG_CHUNK) chunks.push(json.slice(i, i + PG_CHUNK));
    for (const [i, chunk] of chunks.entries()) {
      await this.publisher.query("select pg_notify($1, $2)", [PG_CHANNEL, `${id} ${i} ${chunks.length} ${chunk}`]);
    }
  }

  override subscribe(documentId: string, lang: string, listener: (event: WorkbenchEvent) => void): () => void {
    void this.connect();
    return super.subscribe(documentId, lang, listener);
  }

  override subscribeAll(listener: (event: WorkbenchEvent) => void): () => void {
    void this.connect();
    return super.subscribeAll(listener);
  }

  override subscribeSessionEnds(userId: string, listener: (event: SessionEndedEvent) => void): () => void {
    void this.connect();
    return super.subscribeSessionEnds(userId, listener);
  }

  /** Resolves once this instance LISTENs: what is published after it reaches this instance's subscribers. */
  listening(): Promise<void> {
    return this.connect();
  }

  override subscribeGlossaryChanges(listener: (event: GlossaryChangedEvent) => void): () => void {
    void this.connect();
    return super.subscribeGlossaryChanges(listener);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.listener?.end().catch(() => {});
    await this.publisher.end().catch(() => {});
  }
}

/** The bus for a database configuration. */
export function createEventBus(config: DbConfig): EventBus {
  return config.dialect === "postgres" ? new PostgresEventBus(config.url) : new LocalEventBus();
}

const state = globalThis as unknown as { __wbBus?: EventBus; __wbPresence?: PresenceTracker };

/** The app's event bus (one per process), with presence tracked from it. */
export function getEventBus(): EventBus {
  if (!state.__wbBus) setEventBus(createEventBus(resolveDbConfig()));
  return state.__wbBus!;
}

/** Closes the process's bus if one was opened (scripts that end: a PostgreSQL LISTEN connection would keep them alive). */
export async function closeEventBus(): Promise<void> {
  const bus = state.__wbBus;
  state.__wbBus = undefined;
  await bus?.close();
}

/** Tells every instance that some of the user's sessions ended, so their open event streams check theirs at once. */
export async function announceSessionsEnded(userId: string): Promise<void> {
  await getEventBus().publish({ type: "session_ended", userId });
}

/** Tells every instance that the glossary changed, so each drops its cached reader pages (they mark approved terms). */
export async function announceGlossaryChanged(): Promise<void> {
  await getEventBus().publish({ type: "glossary_changed" });
}

/** Replaces the app's bus (tests). */
export function setEventBus(bus: EventBus): void {
  state.__wbBus = bus;
  const presence = (state.__wbPresence = new PresenceTracker());
  bus.subscribeAll((e) => presence.observe(e));
}

/** Who is where, as this instance has heard it. */
export function getPresence(): PresenceTracker {
  getEventBus();
  return state.__wbPresence!;
}

/** Who is on which segment, per document and language, as heard on the bus. */
export class PresenceTracker {
  static readonly TTL_MS = 45_000;
  private readonly entries = new Map<string, Map<string, Extract<WorkbenchEvent, { type: "presence" }>>>();

  observe(event: WorkbenchEvent): void {
    if (event.type !== "presence") return;
    const key = channelOf(event.documentId, event.lang);
    const map = this.entries.get(key) ?? new Map();
    if (event.segmentId === null && !event.editing) map.delete(event.userId);
    else map.set(event.userId, event);
    this.entries.set(key, map);
  }

  snapshot(documentId: string, lang: string, now = Date.now()): Extract<WorkbenchEvent, { type: "presence" }>[] {
    const map = this.entries.get(channelOf(documentId, lang));
    if (!map) return [];
    for (const [user, e] of map) if (now - e.at > PresenceTracker.TTL_MS) map.delete(user);
    return [...map.values()];
  }
}
