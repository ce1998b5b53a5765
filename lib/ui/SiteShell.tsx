import type { ReactNode } from "react";
import type { Metadata } from "next";
import { extraLanguages, getLanguage, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { RegisterLanguages } from "@/lib/i18n/RegisterLanguages";
import { getT } from "@/lib/i18n/server";

/** The site's metadata defaults in a language (title template, description). */
export function siteMetadata(lang: LanguageCode): Metadata {
  const t = getT(lang, "common");
  return {
    metadataBase: new URL(process.env.PUBLIC_URL ?? "http://localhost:3000"),
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    description: t("tagline"),
  };
}

/** The document around every page: <html> in the page's language, skip link, site header with `account`, footer. */
export function SiteShell({ lang, account, children }: { lang: LanguageCode; account: ReactNode; children: ReactNode }) {
  const t = getT(lang, "common");
  const attrs = textAttrs(lang);
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
          {account}
        </header>
        {children}
        <footer className="site-footer" {...attrs}>
          <p>{t("footer.note")}</p>
        </footer>
      </body>
    </html>
  );
}
