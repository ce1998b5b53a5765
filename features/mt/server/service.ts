import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import { isLanguageCode, type LanguageCode } from "@/lib/i18n/languages";
import { lookupSegment, recognizeTerms } from "@/features/glossary/server/recognition";
import { getGlossaryVersion } from "@/features/glossary/server/repository";
import { checkTranslation } from "@/features/qa/server/check";
import { lookupTm } from "@/features/tm/server/service";
import { neighbourSources } from "@/features/tm/server/repository";
import { findSegmentById } from "@/features/stories/server/repository";
import { providersFor, readMtConfig, type MtConfig } from "../config";
import { MtError, type GlossaryPair, type MtContext, type MtProvider, type ProviderId } from "../types";
import { addUsage, approvedPairs, charactersUsed, effortOfMonth, pairsForTerms, findCached, glossaryStore, monthOf, storeCached, usageOfMonth } from "./repository";

const lang = z.string().refine(isLanguageCode, "Unknown language code.");

export const MT_MAX_TEXT = 5_000;

export const suggestInputSchema = z.object({
  sourceLang: lang.default("en"),
  targetLang: lang,
  text: z.string().trim().min(1, "Give the text to translate.").max(MT_MAX_TEXT),
  segmentId: z.string().max(100).optional(),
});

const issueSchema = z.object({ check: z.string(), severity: z.enum(["error", "warning"]), message: z.string(), start: z.number().int(), end: z.number().int() });

export const suggestOutputSchema = z.object({
  suggestions: z.array(
    z.object({
      provider: z.string(),
      label: z.string(),
      text: z.string(),
      glossary: z.array(z.object({ conceptId: z.string(), expected: z.string().nullable(), found: z.boolean() })),
      issues: z.array(issueSchema),
      cached: z.boolean(),
    }),
  ),
  failures: z.array(z.object({ provider: z.string(), label: z.string(), code: z.string(), message: z.string() })),
  skipped: z.array(z.object({ provider: z.string(), label: z.string(), reason: z.string() })),
});
export type SuggestOutput = z.infer<typeof suggestOutputSchema>;

let envConfig: MtConfig | null = null;
/** The configuration from the environment, read once per process. */
export function getMtConfig(): MtConfig {
  return (envConfig ??= readMtConfig(process.env));
}

/** Replaces the configuration (tests: providers pointed at the stand-ins in tests/stubs/mt); null reads the environment again. */
export function setMtConfig(config: MtConfig | null): void {
  envConfig = config;
}

const STYLE_DIR = path.join(process.cwd(), "glossary", "style");
const styleCache = new Map<string, string | null>();
/** The language's house style notes (glossary/style/<lang>.md), for prompts. */
export function styleNotes(code: string): string | null {
  if (!styleCache.has(code)) {
    const file = path.join(STYLE_DIR, `${code}.md`);
    styleCache.set(code, isLanguageCode(code) && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);
  }
  return styleCache.get(code)!;
}

function cacheKey(provider: MtProvider, sourceLang: string, targetLang: string, glossaryVersion: number, text: string): string {
  return createHash("sha256").update([provider.id, provider.label, sourceLang, targetLang, String(glossaryVersion), text].join("\u0000")).digest("hex");
}

/** Approved terms of the concepts recognized in the texts, each with its target term (forbidden spellings in the source are not terms to apply). */
async function termsOf(db: Kysely<Database>, sourceLang: string, targetLang: string, texts: readonly string[]): Promise<GlossaryPair[]> {
  const ids = new Set<string>();
  for (const text of texts) for (const m of await recognizeTerms(db, sourceLang, text, false)) if (m.usage !== "forbidden") ids.add(m.termId);
  return pairsForTerms(db, [...ids], targetLang);
}

/** Anything a provider throws becomes an MtError the panel can show; a cancelled job stays cancelled. */
function asMtError(provider: MtProvider, error: unknown, signal?: AbortSignal): MtError {
  if (error instanceof MtError) return error;
  if (signal?.aborted && error === signal.reason) throw error;
  console.error(`[mt] ${provider.id}:`, error);
  return new MtError("mt_bad_response", `${provider.label} answered in a form the workbench does not understand`);
}

export interface BatchInput {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly texts: readonly string[];
  readonly contexts?: readonly (MtContext | undefined)[];
  readonly signal?: AbortSignal;
  /** Called after each request with the number of texts done. */
  readonly onProgress?: (done: number) => void;
}

export type BatchResult = { readonly ok: true; readonly text: string; readonly cached: boolean } | { readonly ok: false; readonly error: MtError };

/**
 * Translates texts with one provider: cached answers first (no second
 * charge), the rest in batches of the provider's size with its concurrency,
 * within the monthly character cap. Never throws for a provider's failure:
 * each text gets its translation or the error.
 */
export async function translateBatch(db: Kysely<Database>, provider: MtProvider, input: BatchInput, config: MtConfig = getMtConfig()): Promise<BatchResult[]> {
  const version = await getGlossaryVersion(db);
  const results: (BatchResult | undefined)[] = new Array(input.texts.length);
  const pending: number[] = [];
  for (const [i, text] of input.texts.entries()) {
    const hit = await findCached(db, cacheKey(provider, input.sourceLang, input.targetLang, version, text));
    if (hit !== undefined) results[i] = { ok: true, text: hit, cached: true };
    else pending.push(i);
  }
  let done = input.texts.length - pending.length;
  input.onProgress?.(done);
  let pairs: Promise<GlossaryPair[]> | null = null;
  const glossary = { version, pairs: () => (pairs ??= approvedPairs(db, input.sourceLang, input.targetLang)) };
  const store = glossaryStore(db);
  const month = monthOf(new Date().toISOString());
  const cap = config.caps.get(provider.id);
  const batches: number[][] = [];
  for (let i = 0; i < pending.length; i += provider.maxBatch) batches.push(pending.slice(i, i + provider.maxBatch));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const texts = batch.map((i) => input.texts[i]!);
      const characters = texts.reduce((n, t) => n + t.length, 0);
      try {
        if (input.signal?.aborted) throw input.signal.reason;
        if (cap !== undefined) {
          const used = await charactersUsed(db, provider.id, month);
          if (used + characters > cap) throw new MtError("mt_cap_reached", `${provider.label}: the monthly cap of ${cap} characters is reached (${used} used this month); an admin can raise MT_MONTHLY_CHAR_CAP.`);
        }
        const terms = await termsOf(db, input.sourceLang, input.targetLang, texts);
        const answers = await provider.translate(
          { sourceLang: input.sourceLang, targetLang: input.targetLang, texts, terms, glossary, context: batch.map((i) => input.contexts?.[i]), signal: input.signal },
          store,
        );
        await addUsage(db, { provider: provider.id, targetLang: input.targetLang, month, characters, requests: 1 });
        const now = new Date().toISOString();
        for (const [k, i] of batch.entries()) {
          results[i] = { ok: true, text: answers[k]!, cached: false };
          await storeCached(db, { key: cacheKey(provider, input.sourceLang, input.targetLang, version, input.texts[i]!), provider: provider.id, sourceLang: input.sourceLang, targetLang: input.targetLang, glossaryVersion: version, text: answers[k]!, now });
        }
      } catch (caught) {
        // Cancelled: what was translated before stays (a pre-translation saves it); no new batch starts.
        if (input.signal?.aborted && caught === input.signal.reason) return;
        const error = asMtError(provider, caught, input.signal);
        for (const i of batch) results[i] = { ok: false, error };
      }
      done += batch.length;
      input.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(provider.concurrency, batches.length) }, worker));
  if (input.signal?.aborted) {
    const cancelled = new MtError("mt_unavailable", "The pre-translation was cancelled before this text was translated.");
    for (let i = 0; i < results.length; i++) results[i] ??= { ok: false, error: cancelled };
  }
  return results as BatchResult[];
}

/** The context an LLM gets for a segment: its neighbours, the best memory matches and the house style. */
async function contextOf(db: Kysely<Database>, input: z.infer<typeof suggestInputSchema>): Promise<MtContext> {
  let previous: string | null = null;
  let next: string | null = null;
  if (input.segmentId) {
    const segment = await findSegmentById(db, input.segmentId);
    if (segment) {
      const around = await neighbourSources(db, segment.document_id, segment.position);
      previous = around.find((s) => s.position === segment.position - 1)?.source_text ?? null;
      next = around.find((s) => s.position === segment.position + 1)?.source_text ?? null;
    }
  }
  const { matches: memory } = await lookupTm(db, { sourceLang: input.sourceLang, targetLang: input.targetLang, text: input.text, limit: 3, min: 70, granularity: "paragraph" });
  return { previous, next, memory: memory.map((m) => ({ source: m.source, target: m.target, score: m.score })), styleNotes: styleNotes(input.targetLang) };
}

/**
 * Suggestions for one segment from every provider routed to its language,
 * each checked against the glossary and the QA checks. A failing provider is
 * reported beside the others' suggestions, never instead of them.
 */
export async function suggest(db: Kysely<Database>, input: z.infer<typeof suggestInputSchema>, uiLang: LanguageCode, config: MtConfig = getMtConfig()): Promise<SuggestOutput> {
  const out: SuggestOutput = { suggestions: [], failures: [], skipped: [] };
  const usable: MtProvider[] = [];
  for (const provider of providersFor(config, input.targetLang)) {
    try {
      const reason = await provider.unsupported(input.sourceLang, input.targetLang);
      if (reason) out.skipped.push({ provider: provider.id, label: provider.label, reason });
      else usable.push(provider);
    } catch (caught) {
      const error = asMtError(provider, caught);
      out.failures.push({ provider: provider.id, label: provider.label, code: error.code, message: error.message });
    }
  }
  if (usable.length === 0) return out;
  const pairs = await termsOf(db, input.sourceLang, input.targetLang, [input.text]);
  const context = usable.some((p) => p.id === "openai") ? await contextOf(db, input) : undefined;
  const answers = await Promise.all(usable.map((p) => translateBatch(db, p, { sourceLang: input.sourceLang, targetLang: input.targetLang, texts: [input.text], contexts: [context] }, config)));
  const month = monthOf(new Date().toISOString());
  for (const [k, provider] of usable.entries()) {
    const result = answers[k]![0]!;
    if (!result.ok) {
      out.failures.push({ provider: provider.id, label: provider.label, code: result.error.code, message: result.error.message });
      continue;
    }
    const qaInput = { sourceLang: input.sourceLang, targetLang: input.targetLang, source: input.text, target: result.text };
    const [lookup, qa] = await Promise.all([lookupSegment(db, qaInput, false), checkTranslation(db, qaInput, uiLang)]);
    out.suggestions.push({
      provider: provider.id,
      label: provider.label,
      text: result.text,
      glossary: lookup.concepts.map((c) => ({
        conceptId: c.conceptId,
        expected: pairs.find((p) => p.conceptId === c.conceptId)?.target ?? c.targetTerms.find((t) => t.usage !== "forbidden")?.text ?? null,
        found: c.present && !c.targetMatches.some((m) => m.usage === "forbidden"),
      })),
      issues: qa.issues.map((i) => ({ check: i.check, severity: i.severity, message: i.message, start: i.start, end: i.end })),
      cached: result.cached,
    });
    await addUsage(db, { provider: provider.id, targetLang: input.targetLang, month, served: 1 });
  }
  return out;
}

export const providersOutputSchema = z.object({
  month: z.string(),
  providers: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      cap: z.number().int().nullable(),
      languages: z.array(z.object({ lang: z.string(), routed: z.boolean(), unsupported: z.string().nullable() })),
      usage: z.array(z.object({ lang: z.string(), characters: z.number().int(), requests: z.number().int(), served: z.number().int(), inserted: z.number().int() })),
    }),
  ),
  problems: z.array(z.string()),
});

/** For admins: the enabled providers, which languages each serves (and why not), this month's usage. */
export async function describeProviders(db: Kysely<Database>, languages: readonly string[], sourceLang: string, config: MtConfig = getMtConfig()) {
  const month = monthOf(new Date().toISOString());
  const usage = await usageOfMonth(db, month);
  const problems = [...config.problems];
  const providers = [];
  for (const provider of config.providers.values()) {
    const langs = [];
    for (const l of languages) {
      let unsupported: string | null;
      try {
        unsupported = await provider.unsupported(sourceLang, l);
      } catch (caught) {
        unsupported = asMtError(provider, caught).message;
      }
      langs.push({ lang: l, routed: providersFor(config, l).some((p) => p.id === provider.id), unsupported });
    }
    providers.push({
      id: provider.id as ProviderId,
      label: provider.label,
      cap: config.caps.get(provider.id) ?? null,
      languages: langs,
      usage: usage.filter((u) => u.provider === provider.id).map((u) => ({ lang: u.target_lang, characters: Number(u.characters), requests: Number(u.requests), served: Number(u.served), inserted: Number(u.inserted) })),
    });
  }
  return { month, providers, problems };
}

export const effortQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "The month is written 2026-12.").optional() });

export const effortOutputSchema = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      provider: z.string(),
      lang: z.string(),
      served: z.number().int(),
      inserted: z.number().int(),
      /** inserted / served, or null when nothing was served. */
      usedShare: z.number().nullable(),
      confirmed: z.number().int(),
      /** Median post-editing effort per mille (0 = used as is, 1000 = rewritten). */
      medianEffort: z.number().nullable(),
      meanEffort: z.number().int().nullable(),
    }),
  ),
});

/** The effort report of a month (default: this one). */
export async function effortReport(db: Kysely<Database>, month = monthOf(new Date().toISOString())) {
  return { month, rows: await effortOfMonth(db, month) };
}
