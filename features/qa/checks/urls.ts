/** [urls]: URLs and e-mail addresses of the source, kept verbatim in the target. */
import { absent, at, type CheckContext, type Finding } from "./context";
import { urlsAndEmails } from "../text";

const FULL_SEARCHES = 64;

export function checkUrls(ctx: CheckContext): Finding[] {
  const source = urlsAndEmails(ctx.source);
  if (source.length === 0) return [];
  const target = urlsAndEmails(ctx.target);
  const out: Finding[] = [];
  // Target URLs that are not the source's: probably the missing ones, altered.
  const sourceTexts = new Set(source.map((s) => s.text));
  const targetTexts = new Set(target.map((t) => t.text));
  // Target URLs that are not the source's, per kind, in text order (each used once).
  const strays = { url: [] as typeof target, email: [] as typeof target };
  for (const t of target) if (!sourceTexts.has(t.text)) strays[t.kind].push(t);
  const used = { url: 0, email: 0 };
  // A URL the target writes as a URL is found at once; one glued to other text is searched
  // for in the whole target, at most FULL_SEARCHES times (each distinct URL once), so that
  // thousands of distinct URLs cannot cost thousands of passes over the text.
  const kept = new Map<string, boolean>();
  let searches = 0;
  const inTarget = (url: string) => {
    let v = kept.get(url);
    if (v === undefined) kept.set(url, (v = targetTexts.has(url) || (searches++ < FULL_SEARCHES && ctx.target.includes(url))));
    return v;
  };
  for (const s of source) {
    if (inTarget(s.text)) continue;
    const key = s.kind === "email" ? "urls.missingEmail" : "urls.missing";
    const t = strays[s.kind][used[s.kind]];
    if (t) {
      used[s.kind]++;
      out.push({ ...at(s.kind === "email" ? "urls.alteredEmail" : "urls.altered", { url: s.text, found: t.text }, t.start, t.end), sourceStart: s.start, sourceEnd: s.end });
    } else {
      out.push(absent(key, { url: s.text }, s.start, s.end));
    }
  }
  return out;
}
