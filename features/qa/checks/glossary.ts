/**
 * [glossary_missing], [glossary_forbidden], [glossary_dnt], from the segment's
 * glossary lookup (computed by the server, or already held by the editor).
 * Only approved target terms are enforced.
 */
import { absent, at, type CheckContext, type Finding } from "./context";
import type { QaGlossaryLookup } from "../types";
import { scriptOf } from "../text";
import { findLanguage } from "@/lib/i18n/languages";

type Concept = QaGlossaryLookup["concepts"][number];

/** A term kept as written: the text contains it with nothing but a suffix after it (AFP'nin, AFP-ға). */
function containsVerbatim(text: string, term: string): boolean {
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    const before = text[i - 1];
    if (before === undefined || !/[\p{L}\p{N}]/u.test(before)) return true;
  }
  return false;
}

interface Parts {
  readonly approved: Concept["targetTerms"];
  readonly allowed: Concept["targetTerms"];
  readonly forbiddenMatches: Concept["targetMatches"];
  readonly allowedMatches: Concept["targetMatches"];
}

function parts(c: Concept): Parts {
  const approved = c.targetTerms.filter((t) => t.status === "approved");
  const byId = new Map(c.targetTerms.map((t) => [t.id, t]));
  const allowed = approved.filter((t) => t.usage !== "forbidden");
  // A match of a term the lookup does not list counts as approved (the lookup lists every term it recognizes).
  const isApproved = (termId: string) => {
    const term = byId.get(termId);
    return term ? term.status === "approved" : true;
  };
  return {
    approved,
    allowed,
    forbiddenMatches: c.targetMatches.filter((m) => m.usage === "forbidden" && isApproved(m.termId)),
    allowedMatches: c.targetMatches.filter((m) => m.usage !== "forbidden" && isApproved(m.termId)),
  };
}

const sourceText = (c: Concept) => c.sourceMatches[0]?.text ?? c.sourceTerm ?? c.conceptId;

/** Edit distance of two short strings, case aside (to pair HTS with HTŞ rather than the full name). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length]!;
}

function closest<T>(items: readonly T[], text: (t: T) => string, to: string): T | undefined {
  let best: T | undefined;
  let bestScore = Infinity;
  for (const item of items) {
    const t = text(item);
    const score = distance(t, to) / Math.max(t.length, to.length, 1);
    if (score < bestScore) [best, bestScore] = [item, score];
  }
  return best;
}

/** Distinct source forms compared with a forbidden term at most (a text may repeat a name thousands of times). */
const MAX_FORMS = 64;

export function checkGlossaryForbidden(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.glossary?.concepts ?? []) {
    const p = parts(c);
    // Once per distinct forbidden form, against the distinct source forms: not every match
    // against every match.
    const forms = [...new Set(c.sourceMatches.map((s) => s.text))].slice(0, MAX_FORMS);
    const nearest = new Map<string, { suggestion?: string; source: string }>();
    for (const m of p.forbiddenMatches) {
      // The allowed term and the source form nearest the forbidden one (HTS → HTŞ, not the full name).
      let near = nearest.get(m.text);
      if (!near) nearest.set(m.text, (near = { suggestion: closest(p.allowed, (t) => t.text, m.text)?.text, source: closest(forms, (s) => s, m.text) ?? sourceText(c) }));
      const { suggestion, source } = near;
      out.push(
        suggestion
          ? at("glossary.forbidden", { text: m.text, source, term: suggestion }, m.start, m.end)
          : at("glossary.forbiddenNoAlternative", { text: m.text, source }, m.start, m.end),
      );
    }
  }
  return out;
}

/**
 * How a concept is rendered in the target:
 * - "ok": an approved allowed term is used (a do-not-translate term verbatim);
 * - "forbidden": only a forbidden term is used (reported by glossary_forbidden);
 * - "altered": a do-not-translate term is recognized but not written as it is;
 * - "dnt": nothing, and the preferred term is a do-not-translate name;
 * - "missing": nothing, and the preferred term is a translation.
 */
function rendering(c: Concept, p: Parts, target: string, lang: string): { kind: "ok" | "forbidden" | "dnt" | "missing" } | { kind: "altered"; match: Concept["targetMatches"][number]; term: string } {
  if (p.allowed.length === 0) return { kind: "ok" };
  const dnt = new Map(p.allowed.filter((t) => t.doNotTranslate).map((t) => [t.id, t]));
  if (p.allowedMatches.some((m) => !dnt.has(m.termId))) return { kind: "ok" };
  for (const t of dnt.values()) if (containsVerbatim(target, t.text)) return { kind: "ok" };
  const altered = p.allowedMatches.find((m) => dnt.has(m.termId));
  if (altered) return { kind: "altered", match: altered, term: dnt.get(altered.termId)!.text };
  if (p.forbiddenMatches.length > 0) return { kind: "forbidden" };
  if (dnt.has(p.allowed[0]!.id)) return { kind: "dnt" };
  // Recognition may miss a term inside a longer one, or with a suffix it does not strip.
  if (p.allowed.some((t) => !t.doNotTranslate && containsTerm(target, t.text, lang))) return { kind: "ok" };
  return { kind: "missing" };
}

/**
 * Whether the target contains the term as written (case aside), at the start
 * of a word; anywhere in a word for Arabic script, which attaches clitics.
 */
function containsTerm(target: string, term: string, lang: string): boolean {
  const locale = findLanguage(lang)?.bcp47;
  const text = target.toLocaleLowerCase(locale);
  const needle = term.toLocaleLowerCase(locale);
  if (scriptOf(lang) === "Arab") return text.includes(needle);
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (i === 0 || !/[\p{L}\p{M}\p{N}]/u.test(text[i - 1]!)) return true;
  }
  return false;
}

export function checkGlossaryMissing(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.glossary?.concepts ?? []) {
    const p = parts(c);
    if (rendering(c, p, ctx.target, ctx.targetLang).kind !== "missing") continue;
    const s = c.sourceMatches[0];
    out.push(absent("glossary.missing", { source: sourceText(c), term: p.allowed[0]!.text }, s?.start ?? -1, s?.end ?? -1));
  }
  return out;
}

export function checkGlossaryDnt(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.glossary?.concepts ?? []) {
    const p = parts(c);
    const r = rendering(c, p, ctx.target, ctx.targetLang);
    if (r.kind === "altered") {
      out.push(at("glossary.dntAltered", { text: r.match.text, term: r.term }, r.match.start, r.match.end));
    } else if (r.kind === "dnt") {
      const s = c.sourceMatches[0];
      out.push(absent("glossary.dnt", { source: sourceText(c), term: p.allowed[0]!.text }, s?.start ?? -1, s?.end ?? -1));
    }
  }
  return out;
}
