/** A placeholder for the app's own origin: only the path, query and fragment of a target matter. */
const SELF = "http://self.invalid";
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to go after signing in or out: `value` resolved with the URL parser
 * against the app's own origin, as a path on it. A target on another host,
 * or one with control characters or backslashes (raw or percent-encoded,
 * which browsers may read as `//host`), gives `fallback`.
 */
export function safeNext(value: unknown, fallback: string): string {
  const v = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof v !== "string" || !v.startsWith("/") || v.length > 2048 || CONTROL_OR_BACKSLASH.test(v)) return fallback;
  let url: URL;
  let decoded: string;
  try {
    url = new URL(v, SELF);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF || decoded.startsWith("//") || CONTROL_OR_BACKSLASH.test(decoded)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
