/** Cross-origin write refusal, shared by the proxy (pages) and route() (the API). */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request that a browser says comes from another site
 * (Sec-Fetch-Site) or whose Origin is not this host. Requests without either
 * header do not come from a browser page, so carry no ambient credentials risk.
 */
export function isCrossOrigin(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
