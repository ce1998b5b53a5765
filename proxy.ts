import { NextResponse, type NextRequest } from "next/server";
import { DEFAULT_LANGUAGE, isLanguageCode, negotiateLanguage, type LanguageCode } from "@/lib/i18n/languages";

/**
 * Cookie that remembers the reader's language. The browser sets it when the
 * reader chooses a language in the switcher (features/reader/components/
 * LanguageSwitcher.tsx); pages never answer with Set-Cookie, so a shared cache
 * can hold them.
 */
export const LANGUAGE_COOKIE = "lang";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The reader's language from the cookie, then Accept-Language, then the default. */
function preferredLanguage(request: NextRequest): LanguageCode {
  const cookie = request.cookies.get(LANGUAGE_COOKIE)?.value;
  if (isLanguageCode(cookie)) return cookie;
  return negotiateLanguage(request.headers.get("accept-language")) ?? DEFAULT_LANGUAGE;
}

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

/** The Content-Security-Policy for a page rendered with this nonce. */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;

  if (isCrossOrigin(request.method, request.headers)) {
    return NextResponse.json(
      { error: { code: "cross_origin", message: "Cross-origin requests may not change anything here." } },
      { status: 403 },
    );
  }
  if (pathname.startsWith("/api/")) return NextResponse.next();

  const first = pathname.split("/")[1] ?? "";
  if (!isLanguageCode(first)) {
    // "/" and paths without a language go to the reader's language.
    const url = request.nextUrl.clone();
    url.pathname = `/${preferredLanguage(request)}${pathname === "/" ? "" : pathname}`;
    const response = NextResponse.redirect(url, 307);
    response.headers.set("Vary", "Cookie, Accept-Language");
    return response;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's CSP; the 404 page reads the path.
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", pathname);
  requestHeaders.set("x-search", request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but Next's static assets and files with an extension.
  matcher: ["/((?!_next/static|_next/image|.*\\.[a-zA-Z0-9]+$).*)"],
};
