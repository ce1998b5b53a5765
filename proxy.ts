import { NextResponse, type NextRequest } from "next/server";
import { isCrossOrigin } from "@/lib/api/origin";
import { DEFAULT_LANGUAGE, isLanguageCode, negotiateLanguage, type LanguageCode } from "@/lib/i18n/languages";
import { CACHED_READER_SEGMENT, cachedReaderPath } from "@/features/reader/reader";

/**
 * Cookie that remembers the reader's language. The browser sets it when the
 * reader chooses a language in the switcher (features/reader/components/
 * LanguageSwitcher.tsx); pages never answer with Set-Cookie, so a shared cache
 * can hold them.
 */
export const LANGUAGE_COOKIE = "lang";

/** The reader's language from the cookie, then Accept-Language, then the default. */
function preferredLanguage(request: NextRequest): LanguageCode {
  const cookie = request.cookies.get(LANGUAGE_COOKIE)?.value;
  if (isLanguageCode(cookie)) return cookie;
  return negotiateLanguage(request.headers.get("accept-language")) ?? DEFAULT_LANGUAGE;
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

/**
 * Response header marking an anonymous reader page: scripts/reader-response.mjs
 * (preloaded into the server) removes it and adds the shared-cache headers, the
 * ETag (answering a matching If-None-Match with 304) and a CSP with the hashes
 * of the page's inline scripts, as a cached page can carry no per-request nonce.
 */
export const READER_CACHE_MARK = "x-wb-reader-cache";

/** A session cookie (better-auth's, prefix "wb"): signed-in readers get the per-request pages. */
const SESSION_COOKIE = /^(__Secure-)?wb\.session_token$/;

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

  if (request.method === "GET" || request.method === "HEAD") {
    const signedIn = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
    const cached = signedIn ? undefined : cachedReaderPath(pathname, request.nextUrl.searchParams);
    if (cached) {
      const url = request.nextUrl.clone();
      url.pathname = cached;
      url.search = "";
      const response = NextResponse.rewrite(url);
      response.headers.set(READER_CACHE_MARK, "1");
      return response;
    }
  }
  // The cached routes answer only through the rewrite above.
  if (pathname.split("/")[2] === CACHED_READER_SEGMENT) return new NextResponse(null, { status: 404 });

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
  // Everything but Next's static assets, files with an extension, and the API
  // (/api/v1): Next buffers the body of every request the proxy sees and cuts
  // it at experimental.proxyClientMaxBodySize, while route() refuses
  // cross-origin writes and lib/api/body.ts streams each upload to its own limit.
  matcher: ["/((?!_next/static|_next/image|api/v1/|.*\\.[a-zA-Z0-9]+$).*)"],
};
