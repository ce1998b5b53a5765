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

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "auth")("signIn.title"), robots: { index: false } } : {};
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const next = safeNext((await searchParams).next, `/${lang}`);
  if ((await getPrincipal(await headers())).kind === "user") redirect(next);
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
