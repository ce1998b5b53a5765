import "server-only";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { foldForSearch } from "@/lib/text/fold";
import { direction, keysetCondition, toPage, type SortKey } from "@/lib/db/keyset";
import { pageCursorsShape, pageQueryShape, pageRequestOrThrow } from "@/lib/api/page";
import { TmIndex, type TmMatch, type TmUnit } from "../index";
import { querySentences } from "../sentences";
import { contextHash } from "../score";
import { countTmUnits, currentTmSeq, tmUnitsChangedAfter, type TmChangeCursor, type TmUnitChange } from "./repository";
import { yieldToEventLoop } from "@/lib/event-loop";

const lang = z.enum(LANGUAGE_CODES as [string, ...string[]]);

export const tmLookupQuerySchema = z.object({
  sourceLang: lang.default("en"),
  targetLang: lang,
  text: z.string().min(1, "Give the text to look up.").max(5000),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  min: z.coerce.number().int().min(1).max(101).default(70),
  /** The source segments before and after, for in-context (101 %) matches. */
  prev: z.string().max(5000).optional(),
  next: z.string().max(5000).optional(),
  /** paragraph: matches for the whole text; sentence: per sentence of the text, sentence units included; both (default). */
  granularity: z.enum(["paragraph", "sentence", "both"]).default("both"),
});

export const tmMatchSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  score: z.number().int(),
  origin: z.string(),
  originDetail: z.string().nullable(),
  author: z.string().nullable(),
  createdAt: z.string(),
});
const querySentenceSchema = z.object({
  index: z.number().int().describe("Position of the sentence in the query text."),
  start: z.number().int().describe("UTF-16 offset of the sentence in the query text."),
  end: z.number().int(),
});
export const tmLookupMatchSchema = tmMatchSchema.extend({
  granularity: z.enum(["paragraph", "sentence"]).describe("paragraph: answers the whole query; sentence: answers one sentence of it."),
  querySentence: querySentenceSchema.nullable().describe("The query sentence a sentence match answers; null for paragraph matches."),
});
export const tmLookupOutputSchema = z.object({
  matches: z.array(tmLookupMatchSchema).describe("Paragraph matches best first, then the sentence matches of each query sentence in order, best first."),
  sentences: z.array(querySentenceSchema.extend({ text: z.string() })).describe("The query's sentences (empty for granularity=paragraph)."),
});
export type TmLookupMatch = z.infer<typeof tmLookupMatchSchema>;
export type TmLookupResult = z.infer<typeof tmLookupOutputSchema>;

export const concordanceQuerySchema = z.object({
  sourceLang: lang.default("en"),
  targetLang: lang,
  q: z.string().trim().min(2, "Search for at least two characters.").max(200),
  in: z.enum(["source", "target", "both"]).default("both"),
  ...pageQueryShape(50),
});
export const concordanceOutputSchema = z.object({ units: z.array(tmMatchSchema.omit({ score: true })).describe("Newest first."), ...pageCursorsShape });

/** Concordance results' order: the newest unit first, the id breaking ties. */
export const CONCORDANCE_ORDER: readonly SortKey[] = [
  { column: "tm_units.updated_at", desc: true },
  { column: "tm_units.id", desc: true },
];

interface Cached {
  index: TmIndex;
  /** Every change up to this number is in the index. */
  seq: number;
  syncing: Promise<void> | null;
  /** Lookups waiting for the catch-up under way: a background catch-up then runs at full speed. */
  waiting: number;
}

/**
 * Changes read per query while catching up: bounds the rows held at once, whatever the size of an
 * import, and the time one query holds the event loop (better-sqlite3 reads synchronously).
 */
export const TM_SYNC_PAGE = 1000;

/**
 * Longest run (ms) of indexing before the catch-up lets other work in: building the index of a large
 * memory (the warm-up at start, hundreds of thousands of units) takes seconds of CPU, and requests
 * arriving meanwhile would otherwise wait behind whole pages of it.
 */
const TM_SYNC_SLICE_MS = 8;

/**
 * Pause (ms) of a background catch-up (the warm-up) after a slice when the server had other work
 * meanwhile: the warm-up then takes a fraction of the CPU instead of a turn in every round of the
 * event loop, which would stretch every page rendered meanwhile.
 */
const TM_BACKGROUND_PAUSE_MS = 25;

/** Lets other work run; a background catch-up also gives way while the server is busy and no lookup waits. */
async function giveWay(c: Cached, background: boolean): Promise<void> {
  const t0 = performance.now();
  await yieldToEventLoop();
  if (background && c.waiting === 0 && performance.now() - t0 > 1) await new Promise((resolve) => setTimeout(resolve, TM_BACKGROUND_PAUSE_MS));
}

const caches = new WeakMap<Kysely<Database>, Map<string, Cached>>();

function toUnit(r: TmUnitChange): TmUnit {
  return {
    id: r.id,
    source: r.source_text,
    target: r.target_text,
    sourceLang: r.source_lang,
    targetLang: r.target_lang,
    origin: r.origin,
    originDetail: r.origin_detail ?? undefined,
    documentId: r.document_id ?? undefined,
    author: r.author ?? undefined,
    createdAt: r.updated_at,
    contextBefore: r.context_before ?? undefined,
    contextAfter: r.context_after ?? undefined,
    parentId: r.parent_id ?? undefined,
  };
}

async function catchUp(db: Kysely<Database>, c: Cached, background: boolean): Promise<void> {
  const current = await currentTmSeq(db);
  if (current <= c.seq) return;
  // Pages in (seq, id) order, from after every change numbered c.seq.
  let cursor: TmChangeCursor = { seq: c.seq, id: null };
  for (;;) {
    const rows = await tmUnitsChangedAfter(db, c.index.sourceLang, c.index.targetLang, cursor, TM_SYNC_PAGE);
    let sliceStart = performance.now();
    for (const r of rows) {
      if (r.deleted) c.index.remove(r.id);
      else c.index.add(toUnit(r));
      // Lookups wait for this catch-up (tmIndexFor), so the index is never read half-fed.
      if (performance.now() - sliceStart > TM_SYNC_SLICE_MS) {
        await giveWay(c, background);
        sliceStart = performance.now();
      }
    }
    if (rows.length === TM_SYNC_PAGE) await giveWay(c, background);
    if (rows.length > 0) cursor = { seq: rows[rows.length - 1]!.seq, id: rows[rows.length - 1]!.id };
    if (rows.length < TM_SYNC_PAGE) break;
  }
  // Changes numbered up to `current` were committed before it was read (see nextTmSeq);
  // a change read past it was committed whole (one transaction per number).
  c.seq = current > cursor.seq ? current : cursor.seq;
}

/**
 * The in-memory index of a language pair, brought up to date with the
 * database: built on first use, then fed only the units changed since.
 * `background` (the warm-up): no caller waits for it, so it gives way to requests.
 */
export async function tmIndexFor(db: Kysely<Database>, sourceLang: string, targetLang: string, { background = false } = {}): Promise<TmIndex> {
  let byPair = caches.get(db);
  if (!byPair) caches.set(db, (byPair = new Map()));
  const key = `${sourceLang}>${targetLang}`;
  let c = byPair.get(key);
  if (!c) byPair.set(key, (c = { index: new TmIndex(sourceLang, targetLang), seq: 0, syncing: null, waiting: 0 }));
  // One catch-up at a time; callers arriving meanwhile wait for it and check again.
  while (c.syncing) {
    if (!background) c.waiting++;
    try {
      await c.syncing;
    } finally {
      if (!background) c.waiting--;
    }
  }
  const entry = c;
  entry.syncing = catchUp(db, entry, background).finally(() => {
    entry.syncing = null;
  });
  await entry.syncing;
  return entry.index;
}

export interface TmWarmUp {
  readonly sourceLang: string;
  readonly targetLang: string;
  /** Live units in the index once built. */
  readonly units: number;
  readonly ms: number;
}

/**
 * Builds the index of every language pair that has live units, one after another, so that
 * the first lookup after a start does not wait for it (lookups arriving meanwhile wait for
 * the pair being built, never build it twice). Called at server start (instrumentation.ts).
 */
export async function warmTmIndexes(db: Kysely<Database>, onPair: (w: TmWarmUp) => void = () => {}): Promise<TmWarmUp[]> {
  const done: TmWarmUp[] = [];
  for (const p of await countTmUnits(db)) {
    if (p.units === 0) continue;
    const t0 = performance.now();
    const index = await tmIndexFor(db, p.sourceLang, p.targetLang, { background: true });
    const w = { sourceLang: p.sourceLang, targetLang: p.targetLang, units: index.length, ms: Math.round(performance.now() - t0) };
    done.push(w);
    onPair(w);
  }
  return done;
}

function toMatch(m: TmMatch, querySentence: TmLookupMatch["querySentence"]): TmLookupMatch {
  return {
    id: m.id,
    source: m.unit.source,
    target: m.unit.target,
    score: m.score,
    origin: m.unit.origin,
    originDetail: m.unit.originDetail ?? null,
    author: m.unit.author ?? null,
    createdAt: m.unit.createdAt,
    granularity: querySentence ? "sentence" : "paragraph",
    querySentence,
  };
}

/** Most sentences of a query looked up one by one (the text is capped at 5,000 characters anyway). */
const MAX_QUERY_SENTENCES = 100;

/**
 * Best matches for a source text: for the whole text (exact and in-context
 * matches first; sentence units left out) and, per sentence of the text, the
 * best sentence-level matches (sentence units and paragraph units alike).
 */
export async function lookupTm(db: Kysely<Database>, q: z.infer<typeof tmLookupQuerySchema>): Promise<TmLookupResult> {
  const index = await tmIndexFor(db, q.sourceLang, q.targetLang);
  const matches: TmLookupMatch[] = [];
  const seen = new Set<string>();
  if (q.granularity !== "sentence") {
    const context = q.prev !== undefined || q.next !== undefined ? { before: contextHash(q.prev ?? null), after: contextHash(q.next ?? null) } : undefined;
    for (const m of index.lookup(q.text, { limit: q.limit, min: q.min, context, paragraphsOnly: true })) {
      seen.add(m.id);
      matches.push(toMatch(m, null));
    }
  }
  if (q.granularity === "paragraph") return { matches, sentences: [] };
  const sentences = querySentences(q.text, q.sourceLang).slice(0, MAX_QUERY_SENTENCES).map((s, index) => ({ index, start: s.start, end: s.end, text: s.text }));
  for (const s of sentences) {
    const where = { index: s.index, start: s.start, end: s.end };
    for (const m of index.lookup(s.text, { limit: q.limit, min: q.min })) if (!seen.has(m.id)) matches.push(toMatch(m, where));
  }
  return { matches, sentences };
}

export const fragmentsQuerySchema = z.object({
  sourceLang: lang.default("en"),
  targetLang: lang,
  text: z.string().min(1, "Give the text to look up.").max(5000),
});
const concordanceUnitSchema = tmMatchSchema.omit({ score: true });
export const fragmentsOutputSchema = z.object({
  fragments: z.array(
    z.object({
      start: z.number().int().describe("UTF-16 offset of the run in the text."),
      end: z.number().int(),
      text: z.string(),
      words: z.number().int(),
      units: z.number().int().describe("Units found whose source contains the run."),
      hits: z.array(concordanceUnitSchema).describe("The newest of them (at most 3)."),
    }),
  ),
});

/** Automatic concordance: the longest runs of four or more words of the text that occur in the memory, with the units they occur in. */
export async function fragmentsTm(db: Kysely<Database>, q: z.infer<typeof fragmentsQuerySchema>): Promise<z.infer<typeof fragmentsOutputSchema>> {
  const index = await tmIndexFor(db, q.sourceLang, q.targetLang);
  return {
    fragments: index.fragments(q.text, { minWords: 4, hits: 3 }).map((f) => ({
      start: f.start,
      end: f.end,
      text: q.text.slice(f.start, f.end),
      words: f.words,
      units: f.units,
      hits: f.hits.map((u) => ({ id: u.id, source: u.source, target: u.target, origin: u.origin, originDetail: u.originDetail ?? null, author: u.author ?? null, createdAt: u.createdAt })),
    })),
  };
}

/** A page of the units whose source and/or target contain the words searched for (case, accents and script variants folded), newest first. */
export async function concordance(db: Kysely<Database>, q: z.infer<typeof concordanceQuerySchema>) {
  const request = pageRequestOrThrow(q, CONCORDANCE_ORDER.length);
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  const needle = `%${foldForSearch(q.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let query = db
    .selectFrom("tm_units")
    .selectAll()
    .where("source_lang", "=", q.sourceLang)
    .where("target_lang", "=", q.targetLang)
    .where("deleted", "=", 0);
  query = query.where((eb) => {
    const like = (col: "source_fold" | "target_fold") => sql<boolean>`${sql.ref(col)} like ${needle} escape '\\'`;
    return q.in === "source" ? like("source_fold") : q.in === "target" ? like("target_fold") : eb.or([like("source_fold"), like("target_fold")]);
  });
  if (cursor) query = query.where((eb) => keysetCondition(eb, CONCORDANCE_ORDER, cursor, reverse));
  for (const key of CONCORDANCE_ORDER) query = query.orderBy(sql.ref(key.column), direction(key, reverse));
  const page = toPage(await query.limit(request.limit + 1).execute(), request, (r) => [r.updated_at, r.id]);
  return { ...page, items: page.items.map((r) => ({ id: r.id, source: r.source_text, target: r.target_text, origin: r.origin, originDetail: r.origin_detail, author: r.author, createdAt: r.updated_at })) };
}
