import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getPrincipal } from "@/features/auth/server/principal";
import { SignInForm } from "@/features/auth/components/SignInForm";
import { safeNext } from "@/lib/http/safe-next";

type Props = PageProps<"/[lang]/sign-in">;

/** The path of the Referer when it is a page of this host (safeNext checks it further). */
function sameOriginReferer(requestHeaders: Headers): string | undefined {
  const referer = requestHeaders.get("referer");
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === requestHeaders.get("host") ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "auth")("signIn.title"), robots: { index: false } } : {};
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const requestHeaders = await headers();
  // The cached reader pages link here with an empty next=: the page the reader came from is the Referer.
  const next = safeNext((await searchParams).next || sameOriginReferer(requestHeaders), `/${lang}`);
  if ((await getPrincipal(requestHeaders)).kind === "user") redirect(next);
  const t = getT(lang, "auth");
  return (
    <main id="content" className="narrow" {...textAttrs(lang)}>
      <h1>{t("signIn.title")}</h1>
      <I18nProvider lang={lang} resources={clientResources(lang, ["auth", "errors"])}>
        <SignInForm next={next} />
      </I18nProvider>
    </main>
  );
}
