import { notFound } from "next/navigation";

/**
 * Any path under a language that no page matches: the localized 404 of
 * app/[lang]/not-found.tsx, rendered per request like every page, so its
 * scripts carry the request's CSP nonce (Next's prerendered 404 cannot).
 */
export default function MissingPage(): never {
  notFound();
}
