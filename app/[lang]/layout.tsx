import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/700.css";
import "@fontsource/noto-naskh-arabic/400.css";
import "@fontsource/noto-naskh-arabic/700.css";
import "../globals.css";
import { LANGUAGE_CODES, isLanguageCode } from "@/lib/i18n/languages";
import { headers } from "next/headers";
import { getT } from "@/lib/i18n/server";
import { getPrincipal } from "@/features/auth/server/principal";
import { AccountMenu } from "@/features/auth/components/AccountMenu";
import { SiteShell, siteMetadata } from "@/lib/ui/SiteShell";

// Languages of LANGUAGES_DIR are known only when the server starts: their pages are rendered on request
// (an unknown code is a 404 below).
export const dynamicParams = true;

export function generateStaticParams() {
  return LANGUAGE_CODES.map((lang) => ({ lang }));
}

export async function generateMetadata({ params }: LayoutProps<"/[lang]">): Promise<Metadata> {
  const { lang } = await params;
  if (!isLanguageCode(lang)) return {};
  return siteMetadata(lang);
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Pages rendered per request: the account menu shows who is signed in. (Anonymous reader pages: app/(cached)/[lang].) */
export default async function RootLayout({ children, params }: LayoutProps<"/[lang]">) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const t = getT(lang, "common");
  const requestHeaders = await headers();
  const principal = await getPrincipal(requestHeaders);
  const currentPath = (requestHeaders.get("x-pathname") ?? `/${lang}`) + (requestHeaders.get("x-search") ?? "");
  return (
    <SiteShell lang={lang} account={<AccountMenu lang={lang} principal={principal} currentPath={currentPath} t={getT(lang, "auth")} workbenchLabel={t("nav.workbench")} />}>
      {children}
    </SiteShell>
  );
}
