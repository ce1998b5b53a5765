import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { GlossaryStore, ProviderId } from "../types";

type Db = Kysely<Database>;

/** UTC month of a time: "2026-12". */
export const monthOf = (iso: string) => iso.slice(0, 7);

export async function findCached(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom("mt_cache").select("text").where("key", "=", key).executeTakeFirst())?.text;
}

export async function storeCached(db: Db, row: { key: string; provider: string; sourceLang: string; targetLang: string; glossaryVersion: number; text: string; now: string }): Promise<void> {
  await db
    .insertInto("mt_cache")
    .values({ key: row.key, provider: row.provider, source_lang: row.sourceLang, target_lang: row.targetLang, glossary_version: row.glossaryVersion, text: row.text, created_at: row.now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ text: row.text, created_at: row.now }))
    .execute();
}

/** Adds to a provider's usage of a month (one row per provider, target language and month). */
export async function addUsage(db: Db, u: { provider: string; targetLang: string; month: string; characters?: number; requests?: number; served?: number; inserted?: number }): Promise<void> {
  const add = { characters: u.characters ?? 0, requests: u.requests ?? 0, served: u.served ?? 0, inserted: u.inserted ?? 0 };
  await db
    .insertInto("mt_usage")
    .values({ provider: u.provider, target_lang: u.targetLang, month: u.month, ...add })
    .onConflict((oc) =>
      oc.columns(["provider", "target_lang", "month"]).doUpdateSet((eb) => ({
        characters: eb("mt_usage.characters", "+", add.characters),
        requests: eb("mt_usage.requests", "+", add.requests),
        served: eb("mt_usage.served", "+", add.served),
        inserted: eb("mt_usage.inserted", "+", add.inserted),
      })),
    )
    .execute();
}

/** Characters sent to a provider in a month, every language together. */
export async function charactersUsed(db: Db, provider: string, month: string): Promise<number> {
  const row = await db
    .selectFrom("mt_usage")
    .select((eb) => eb.fn.sum<number>("characters").as("n"))
    .where("provider", "=", provider)
    .where("month", "=", month)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Usage rows of a month, per provider and language. */
export async function usageOfMonth(db: Db, month: string) {
  return db.selectFrom("mt_usage").selectAll().where("month", "=", month).orderBy("provider").orderBy("target_lang").execute();
}

/** Provider-side glossary ids, kept in the database so every instance reuses them. */
export function glossaryStore(db: Db): GlossaryStore {
  return {
    async get(provider: ProviderId, sourceLang: string, targetLang: string) {
      const row = await db
        .selectFrom("mt_glossaries")
        .select(["glossary_version", "remote_id"])
        .where("provider", "=", provider)
        .where("source_lang", "=", sourceLang)
        .where("target_lang", "=", targetLang)
        .executeTakeFirst();
      return row ? { version: row.glossary_version, remoteId: row.remote_id } : undefined;
    },
    async set(provider, sourceLang, targetLang, value) {
      const now = new Date().toISOString();
      await db
        .insertInto("mt_glossaries")
        .values({ provider, source_lang: sourceLang, target_lang: targetLang, glossary_version: value.version, remote_id: value.remoteId, updated_at: now })
        .onConflict((oc) => oc.columns(["provider", "source_lang", "target_lang"]).doUpdateSet({ glossary_version: value.version, remote_id: value.remoteId, updated_at: now }))
        .execute();
    },
  };
}

/** Preferred before admitted, then the oldest (rows come ordered by proposal time). */
const usageRank = (usage: string) => (usage === "preferred" ? 0 : 1);

/**
 * Pairs for a set of approved source terms: each with the approved target
 * term of the same concept and type (an abbreviation for an abbreviation),
 * else the concept's best target term; do-not-translate terms stay as written.
 */
function pairTerms(
  sourceTerms: readonly { id: string; concept_id: string; text: string; type: string; do_not_translate: number }[],
  targetTerms: readonly { concept_id: string; text: string; type: string; usage: string }[],
): { conceptId: string; source: string; target: string }[] {
  const byConcept = new Map<string, { text: string; type: string; usage: string }[]>();
  for (const t of targetTerms) byConcept.set(t.concept_id, [...(byConcept.get(t.concept_id) ?? []), t]);
  const pairs: { conceptId: string; source: string; target: string }[] = [];
  for (const s of sourceTerms) {
    if (s.do_not_translate === 1) {
      pairs.push({ conceptId: s.concept_id, source: s.text, target: s.text });
      continue;
    }
    const candidates = [...(byConcept.get(s.concept_id) ?? [])].sort((a, b) => Number(b.type === s.type) - Number(a.type === s.type) || Number(b.type === "fullForm") - Number(a.type === "fullForm") || usageRank(a.usage) - usageRank(b.usage));
    if (candidates[0]) pairs.push({ conceptId: s.concept_id, source: s.text, target: candidates[0].text });
  }
  return pairs;
}

const PAIR_COLUMNS = ["id", "concept_id", "lang", "text", "type", "usage", "do_not_translate"] as const;

/** Every approved pair of a language pair (provider-side glossaries). */
export async function approvedPairs(db: Db, sourceLang: string, targetLang: string): Promise<{ conceptId: string; source: string; target: string }[]> {
  const rows = await db
    .selectFrom("terms")
    .select(PAIR_COLUMNS)
    .where("lang", "in", [sourceLang, targetLang])
    .where("status", "=", "approved")
    .where("usage", "!=", "forbidden")
    .orderBy("concept_id")
    .orderBy("proposed_at")
    .execute();
  return pairTerms(
    rows.filter((r) => r.lang === sourceLang),
    rows.filter((r) => r.lang === targetLang),
  );
}

/** Pairs for the given approved source terms (the ones recognized in a text). */
export async function pairsForTerms(db: Db, sourceTermIds: readonly string[], targetLang: string): Promise<{ conceptId: string; source: string; target: string }[]> {
  if (sourceTermIds.length === 0) return [];
  const sources = await db.selectFrom("terms").select(PAIR_COLUMNS).where("id", "in", [...sourceTermIds]).execute();
  const conceptIds = [...new Set(sources.map((s) => s.concept_id))];
  const targets = await db
    .selectFrom("terms")
    .select(PAIR_COLUMNS)
    .where("concept_id", "in", conceptIds)
    .where("lang", "=", targetLang)
    .where("status", "=", "approved")
    .where("usage", "!=", "forbidden")
    .orderBy("proposed_at")
    .execute();
  return pairTerms(sources, targets);
}

/**
 * The post-editing effort of a month per provider and language: suggestions
 * served and inserted, translations confirmed from them, and the median and
 * mean effort (per mille). One grouped query, then one median query per
 * group (groups are bounded by providers × languages).
 */
export async function effortOfMonth(db: Db, month: string) {
  const [usage, groups] = await Promise.all([
    usageOfMonth(db, month),
    db
      .selectFrom("mt_effort")
      .select(["provider", "lang"])
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.avg<number>("effort_permille").as("mean")])
      .where("month", "=", month)
      .groupBy(["provider", "lang"])
      .execute(),
  ]);
  const keys = new Map<string, { provider: string; lang: string }>();
  for (const u of usage) keys.set(`${u.provider}\u0000${u.target_lang}`, { provider: u.provider, lang: u.target_lang });
  for (const g of groups) keys.set(`${g.provider}\u0000${g.lang}`, { provider: g.provider, lang: g.lang });
  const rows = [];
  for (const { provider, lang } of [...keys.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.lang.localeCompare(b.lang))) {
    const u = usage.find((x) => x.provider === provider && x.target_lang === lang);
    const g = groups.find((x) => x.provider === provider && x.lang === lang);
    const confirmed = Number(g?.n ?? 0);
    let median: number | null = null;
    if (confirmed > 0) {
      const mid = await db
        .selectFrom("mt_effort")
        .select("effort_permille")
        .where("month", "=", month)
        .where("provider", "=", provider)
        .where("lang", "=", lang)
        .orderBy("effort_permille")
        .limit(confirmed % 2 ? 1 : 2)
        .offset(Math.floor((confirmed - 1) / 2))
        .execute();
      median = mid.reduce((n, r) => n + Number(r.effort_permille), 0) / mid.length;
    }
    const served = Number(u?.served ?? 0);
    const inserted = Number(u?.inserted ?? 0);
    rows.push({ provider, lang, served, inserted, usedShare: served > 0 ? inserted / served : null, confirmed, medianEffort: median, meanEffort: g ? Math.round(Number(g.mean)) : null });
  }
  return rows;
}
