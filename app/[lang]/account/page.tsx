import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { getLanguage, isLanguageCode, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { MIN_PASSWORD_LENGTH } from "@/features/auth/server/auth";
import { ChangePasswordForm } from "@/features/auth/components/ChangePasswordForm";

type Props = PageProps<"/[lang]/account">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "auth")("account.title"), robots: { index: false } } : {};
}

export default async function AccountPage({ params }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePageUser(lang, `/${lang}/account`);
  const t = getT(lang, "auth");
  return (
    <main id="content" className="narrow" {...textAttrs(lang)}>
      <h1>{t("account.title")}</h1>
      <p>
        <bdi>{principal.name}</bdi> · <bdi dir="ltr">{principal.email}</bdi>
      </p>
      <h2>{t("account.roles")}</h2>
      <ul className="role-list" data-testid="my-roles">
        {principal.isAdmin && <li>{t("account.admin")}</li>}
        {principal.grants.map((g) => (
          <li key={`${g.role}-${g.lang}`}>
            {t(`roles.${g.role}`)}: <span {...textAttrs(g.lang as LanguageCode)}>{getLanguage(g.lang as LanguageCode).nativeName}</span>
          </li>
        ))}
        {!principal.isAdmin && principal.grants.length === 0 && <li>{t("account.noRoles")}</li>}
      </ul>
      <h2>{t("account.changePassword")}</h2>
      <I18nProvider lang={lang} resources={clientResources(lang, ["auth", "errors"])}>
        <ChangePasswordForm minLength={MIN_PASSWORD_LENGTH} />
      </I18nProvider>
    </main>
  );
}
