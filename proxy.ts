import { NextResponse, type NextRequest } from "next/server";
import { DEFAULT_LANGUAGE, isLanguageCode, negotiateLanguage, type LanguageCode } from "@/lib/i18n/languages";

/** Cookie that remembers the reader's language. */
export const LANGUAGE_COOKIE = "lang";
const ONE_YEAR = 60 * 60 * 24 * 365;

/** The reader's language from the cookie, then Accept-Language, then the default. */
function preferredLanguage(request: NextRequest): LanguageCode {
  const cookie = request.cookies.get(LANGUAGE_COOKIE)?.value;
  if (isLanguageCode(cookie)) return cookie;
  return negotiateLanguage(request.headers.get("accept-language")) ?? DEFAULT_LANGUAGE;
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const first = pathname.split("/")[1] ?? "";

  if (!isLanguageCode(first)) {
    // "/" and paths without a language go to the reader's language.
    const url = request.nextUrl.clone();
    url.pathname = `/${preferredLanguage(request)}${pathname === "/" ? "" : pathname}`;
    const response = NextResponse.redirect(url, 307);
    response.headers.set("Vary", "Cookie, Accept-Language");
    return response;
  }

  // The localized 404 page reads the language from the path.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-pathname", pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (request.cookies.get(LANGUAGE_COOKIE)?.value !== first) {
    response.cookies.set(LANGUAGE_COOKIE, first, {
      path: "/",
      maxAge: ONE_YEAR,
      sameSite: "lax",
      httpOnly: true,
      secure: request.nextUrl.protocol === "https:",
    });
  }
  return response;
}

export const config = {
  // Everything but the API, Next's own assets and files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[a-zA-Z0-9]+$).*)"],
};
