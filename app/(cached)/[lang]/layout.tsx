import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/700.css";
import "@fontsource/noto-naskh-arabic/400.css";
import "@fontsource/noto-naskh-arabic/700.css";
import "../../globals.css";
import { isLanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { ANONYMOUS } from "@/features/auth/permissions";
import { AccountMenu } from "@/features/auth/components/AccountMenu";
import { SiteShell, siteMetadata } from "@/lib/ui/SiteShell";

export async function generateMetadata({ params }: LayoutProps<"/[lang]">): Promise<Metadata> {
  const { lang } = await params;
  if (!isLanguageCode(lang)) return {};
  return siteMetadata(lang);
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The anonymous reader pages, rendered once and kept in the server cache
 * until an edition of their story is published or unpublished (proxy.ts
 * sends anonymous readers here; scripts/reader-response.mjs adds the cache
 * headers, ETag and hash-based CSP). Nothing here may read the request: the
 * sign-in link leaves next= empty, and the sign-in page returns to the Referer.
 */
export default async function CachedLayout({ children, params }: LayoutProps<"/[lang]">) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const t = getT(lang, "common");
  return (
    <SiteShell lang={lang} account={<AccountMenu lang={lang} principal={ANONYMOUS} currentPath="" t={getT(lang, "auth")} workbenchLabel={t("nav.workbench")} />}>
      {children}
    </SiteShell>
  );
}
