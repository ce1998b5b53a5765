import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/features/stories/stories";
import { findDocumentBySlug, listSegments, listTranslations, saveTranslation } from "@/features/stories/server/repository";
import { lookupTm } from "@/features/tm/server/service";
import { providersFor, type MtConfig } from "../config";
import type { MtProvider } from "../types";
import { addUsage, monthOf } from "./repository";
import { getMtConfig, translateBatch } from "./service";

const SAVE_CHUNK = 50;

export const pretranslateInputSchema = z.object({
  lang: z.string(),
  /** Memory matches at or above this score are used before MT. */
  threshold: z.number().int().min(50).max(101).default(90),
  /** Use machine translation for what the memory does not cover. */
  useMt: z.boolean().default(true),
  /** Only these of the language's providers, in the route's order (default: all of them). */
  providers: z.array(z.string().min(1).max(40)).min(1).max(10).optional(),
});

const reportEntrySchema = z.object({
  segmentKey: z.string(),
  from: z.enum(["memory", "mt", "none"]),
  /** The memory match's score, the MT provider, or why nothing was filled. */
  detail: z.string().nullable(),
});

export const pretranslateJobSchema = z.object({
  id: z.string(),
  slug: z.string(),
  lang: z.string(),
  state: z.enum(["running", "done", "cancelled", "failed"]),
  total: z.number().int(),
  done: z.number().int(),
  counts: z.object({ memory: z.number().int(), mt: z.number().int(), none: z.number().int() }),
  report: z.array(reportEntrySchema),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PretranslateJob = z.infer<typeof pretranslateJobSchema>;

interface Running {
  job: PretranslateJob;
  readonly controller: AbortController;
  readonly finished: Promise<void>;
}

// Per database (tests open several), per document and language: the latest job of this instance.
const jobs = new WeakMap<Kysely<Database>, Map<string, Running>>();
const jobsOf = (db: Kysely<Database>) => {
  let m = jobs.get(db);
  if (!m) jobs.set(db, (m = new Map()));
  return m;
};

/** The latest pre-translation of a document in a language (on this instance), or null. */
export function findPretranslation(db: Kysely<Database>, slug: string, lang: string): PretranslateJob | null {
  return jobsOf(db).get(`${slug}\u0000${lang}`)?.job ?? null;
}

/** Cancels a running pre-translation; drafts already written stay (they are drafts). */
export async function cancelPretranslation(db: Kysely<Database>, slug: string, lang: string): Promise<PretranslateJob> {
  const running = jobsOf(db).get(`${slug}\u0000${lang}`);
  if (!running) throw new ApiError("not_found", "No pre-translation of this document in this language.");
  if (running.job.state === "running") {
    running.controller.abort(new Error("cancelled"));
    await running.finished;
  }
  return running.job;
}

/** Saves a suggestion as a draft of an empty segment, remembering where it came from; false when someone wrote there meanwhile. */
async function saveDraft(db: Kysely<Database>, segmentId: string, lang: string, text: string, origin: { kind: "memory" | "mt"; detail: string }, authorId: string): Promise<boolean> {
  const inTransaction = <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return inTransaction(async (trx) => {
    const current = await trx.selectFrom("translations").select(["version", "text"]).where("segment_id", "=", segmentId).where("lang", "=", lang).executeTakeFirst();
    if (current && current.text.trim() !== "") return false;
    const result = await saveTranslation(trx, { segmentId, lang, text, status: "draft", baseVersion: current?.version ?? 0, authorId, origin: "pretranslate", textOrigin: origin });
    if (result.kind !== "saved") return false;
    const now = result.translation.updated_at;
    await trx
      .insertInto("translation_suggestions")
      .values({ segment_id: segmentId, lang, kind: origin.kind, detail: origin.detail, text, created_at: now })
      .onConflict((oc) => oc.columns(["segment_id", "lang"]).doUpdateSet({ kind: origin.kind, detail: origin.detail, text, created_at: now }))
      .execute();
    if (origin.kind === "mt") await addUsage(trx, { provider: origin.detail, targetLang: lang, month: monthOf(now), inserted: 1 });
    return true;
  });
}

/**
 * Starts pre-translating the empty segments of a document in a language, in
 * the background: memory matches at or above the threshold first, then the
 * language's MT providers in batches (each provider's batch size and
 * concurrency), all as drafts — nothing is confirmed without a person. One
 * job per document and language at a time; progress and the report of what
 * came from where are read with findPretranslation; cancel stops it.
 */
export async function startPretranslation(db: Kysely<Database>, slug: string, input: z.infer<typeof pretranslateInputSchema>, authorId: string, config: MtConfig = getMtConfig()): Promise<PretranslateJob> {
  const key = `${slug}\u0000${input.lang}`;
  const existing = jobsOf(db).get(key);
  if (existing?.job.state === "running") throw new ApiError("version_conflict", "A pre-translation of this document in this language is already running.", { job: existing.job });
  const document = await findDocumentBySlug(db, slug);
  if (!document) throw new ApiError("not_found", "No such story.");
  const routed = input.useMt ? providersFor(config, input.lang) : [];
  const unknown = input.providers?.filter((id) => !routed.some((p) => p.id === id)) ?? [];
  if (unknown.length) throw new ApiError("validation_failed", `Not a machine-translation provider of this language: ${unknown.join(", ")}.`, { providers: unknown });
  const chosen = input.providers ? routed.filter((p) => input.providers!.includes(p.id)) : routed;
  const segments = await listSegments(db, document.id);
  const filled = new Set((await listTranslations(db, document.id, [input.lang])).filter((t) => t.text.trim() !== "").map((t) => t.segment_id));
  const empty = segments.filter((s) => !filled.has(s.id) && s.source_text.trim() !== "");
  const job: PretranslateJob = {
    id: newId("ptj"),
    slug,
    lang: input.lang,
    state: "running",
    total: empty.length,
    done: 0,
    counts: { memory: 0, mt: 0, none: 0 },
    report: [],
    error: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  const controller = new AbortController();
  const signal = controller.signal;
  const record = (segmentKey: string, from: "memory" | "mt" | "none", detail: string | null) => {
    job.report.push({ segmentKey, from, detail });
    job.counts[from]++;
  };

  const run = async () => {
    // 1. The memory, segment by segment (each lookup is a fraction of a millisecond; the loop yields between them).
    const rest: typeof empty = [];
    for (const s of empty) {
      if (signal.aborted) return;
      const { matches } = await lookupTm(db, { sourceLang: document.source_lang, targetLang: input.lang, text: s.source_text.slice(0, 5000), limit: 1, min: input.threshold, granularity: "paragraph" });
      const best = matches[0];
      if (best && (await saveDraft(db, s.id, input.lang, best.target, { kind: "memory", detail: String(best.score) }, authorId))) {
        record(s.key, "memory", String(best.score));
        job.done++;
      } else rest.push(s);
      await new Promise((r) => setImmediate(r));
    }
    // 2. MT, provider by provider: what one cannot translate goes to the next.
    let pending = rest;
    const reasons = new Map<string, string>();
    const providers: MtProvider[] = chosen;
    for (const provider of providers) {
      if (pending.length === 0 || signal.aborted) break;
      const unsupported = await provider.unsupported(document.source_lang, input.lang).catch((e: Error) => e.message);
      if (unsupported) continue;
      const settled = job.total - pending.length;
      const results = await translateBatch(
        db,
        provider,
        { sourceLang: document.source_lang, targetLang: input.lang, texts: pending.map((s) => s.source_text), signal, onProgress: (n) => (job.done = settled + n) },
        config,
      );
      const next: typeof pending = [];
      // Saved in transactions of SAVE_CHUNK drafts (one per draft would dominate the job on SQLite).
      for (let from = 0; from < pending.length; from += SAVE_CHUNK) {
        await db.transaction().execute(async (trx) => {
          for (let i = from; i < Math.min(from + SAVE_CHUNK, pending.length); i++) {
            const s = pending[i]!;
            const r = results[i]!;
            if (r.ok && (await saveDraft(trx, s.id, input.lang, r.text, { kind: "mt", detail: provider.id }, authorId))) record(s.key, "mt", provider.id);
            else {
              if (!r.ok) reasons.set(s.id, r.error.message);
              next.push(s);
            }
          }
        });
      }
      pending = next;
      job.done = job.total - pending.length;
    }
    for (const s of pending) record(s.key, "none", reasons.get(s.id) ?? (input.useMt && providers.length > 0 ? "No provider could translate it." : "No memory match at the threshold."));
    if (!signal.aborted) job.done = job.total;
  };

  const finished = run()
    .then(() => {
      job.state = signal.aborted ? "cancelled" : "done";
    })
    .catch((error: unknown) => {
      if (signal.aborted) job.state = "cancelled";
      else {
        job.state = "failed";
        job.error = error instanceof Error ? error.message : String(error);
        console.error("[mt] pre-translation failed:", error);
      }
    })
    .finally(() => {
      job.finishedAt = new Date().toISOString();
    });
  jobsOf(db).set(key, { job, controller, finished });
  return job;
}

/** Waits for a job to end (tests and the CLI). */
export async function pretranslationFinished(db: Kysely<Database>, slug: string, lang: string): Promise<PretranslateJob | null> {
  const running = jobsOf(db).get(`${slug}\u0000${lang}`);
  if (!running) return null;
  await running.finished;
  return running.job;
}
