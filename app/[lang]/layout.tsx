import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/700.css";
import "@fontsource/noto-naskh-arabic/400.css";
import "@fontsource/noto-naskh-arabic/700.css";
import "../globals.css";
import { LANGUAGE_CODES, extraLanguages, getLanguage, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { RegisterLanguages } from "@/lib/i18n/RegisterLanguages";
import { headers } from "next/headers";
import { getT } from "@/lib/i18n/server";
import { getPrincipal } from "@/features/auth/server/principal";
import { AccountMenu } from "@/features/auth/components/AccountMenu";

// Languages of LANGUAGES_DIR are known only when the server starts: their pages are rendered on request
// (an unknown code is a 404 below).
export const dynamicParams = true;

export function generateStaticParams() {
  return LANGUAGE_CODES.map((lang) => ({ lang }));
}

export async function generateMetadata({ params }: LayoutProps<"/[lang]">): Promise<Metadata> {
  const { lang } = await params;
  if (!isLanguageCode(lang)) return {};
  const t = getT(lang, "common");
  return {
    metadataBase: new URL(process.env.PUBLIC_URL ?? "http://localhost:3000"),
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    description: t("tagline"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children, params }: LayoutProps<"/[lang]">) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const t = getT(lang, "common");
  const attrs = textAttrs(lang);
  const requestHeaders = await headers();
  const principal = await getPrincipal(requestHeaders);
  const currentPath = (requestHeaders.get("x-pathname") ?? `/${lang}`) + (requestHeaders.get("x-search") ?? "");
  return (
    <html {...attrs} data-script={getLanguage(lang).script}>
      <body>
        {extraLanguages().length > 0 && <RegisterLanguages languages={extraLanguages()} />}
        <a className="skip-link" href="#content" {...attrs}>
          {t("skipToContent")}
        </a>
        <header className="site-header" {...attrs}>
          <a className="site-name" href={`/${lang}`}>
            {t("siteName")}
          </a>
          <nav className="site-nav" aria-label={t("nav.main")}>
            <a href={`/${lang}`}>{t("nav.stories")}</a>
            <a href={`/${lang}/glossary`} data-testid="glossary-link">
              {t("nav.glossary")}
            </a>
          </nav>
          <AccountMenu lang={lang} principal={principal} currentPath={currentPath} t={getT(lang, "auth")} workbenchLabel={t("nav.workbench")} />
        </header>
        {children}
        <footer className="site-footer" {...attrs}>
          <p>{t("footer.note")}</p>
        </footer>
      </body>
    </html>
  );
}
