/** [urls]: URLs and e-mail addresses of the source, kept verbatim in the target. */
import { absent, at, type CheckContext, type Finding } from "./context";
import { urlsAndEmails } from "../text";

export function checkUrls(ctx: CheckContext): Finding[] {
  const source = urlsAndEmails(ctx.source);
  if (source.length === 0) return [];
  const target = urlsAndEmails(ctx.target);
  const out: Finding[] = [];
  // Target URLs that are not the source's: probably the missing ones, altered.
  const strays = target.filter((t) => !source.some((s) => s.text === t.text));
  for (const s of source) {
    if (ctx.target.includes(s.text)) continue;
    const key = s.kind === "email" ? "urls.missingEmail" : "urls.missing";
    const stray = strays.findIndex((t) => t.kind === s.kind);
    if (stray >= 0) {
      const t = strays.splice(stray, 1)[0]!;
      out.push({ ...at(s.kind === "email" ? "urls.alteredEmail" : "urls.altered", { url: s.text, found: t.text }, t.start, t.end), sourceStart: s.start, sourceEnd: s.end });
    } else {
      out.push(absent(key, { url: s.text }, s.start, s.end));
    }
  }
  return out;
}
