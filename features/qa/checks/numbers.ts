/** [numbers]: the same numbers in the source and the target. */
import { absent, at, type CheckContext, type Finding } from "./context";
import { compareNumbers, extractNumbers, hasNumberWord, type NumberToken } from "../numbers";

// The source does not change while the translator types: keep its numbers.
let cached: { text: string; numbers: NumberToken[] } = { text: "", numbers: [] };
function sourceNumbers(text: string): NumberToken[] {
  if (cached.text !== text) cached = { text, numbers: extractNumbers(text) };
  return cached.numbers;
}

export function checkNumbers(ctx: CheckContext): Finding[] {
  const source = sourceNumbers(ctx.source);
  const target = extractNumbers(ctx.target);
  if (source.length === 0 && target.length === 0) return [];
  const { missing, extra } = compareNumbers(source, target);
  const out: Finding[] = [];
  // A small number may be spelled out on the other side ("two frigates", "beş asker"):
  // each of the 13 words is looked for once per text, however many numbers are missing.
  const spelled = (lang: string, text: string) => {
    const seen = new Map<number, boolean>();
    return (value: number) => {
      let v = seen.get(value);
      if (v === undefined) seen.set(value, (v = hasNumberWord(lang, text, value)));
      return v;
    };
  };
  const inTarget = spelled(ctx.targetLang, ctx.target);
  const inSource = spelled(ctx.sourceLang, ctx.source);
  for (const n of missing) {
    if (n.integer !== undefined && inTarget(n.integer)) continue;
    out.push(absent("numbers.missing", { number: n.text }, n.start, n.end));
  }
  for (const n of extra) {
    if (n.integer !== undefined && inSource(n.integer)) continue;
    out.push(at("numbers.extra", { number: n.text }, n.start, n.end));
  }
  return out;
}
