import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/features/auth/server/page-guards";
import { isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { listUsers } from "@/features/auth/server/users";
import { MIN_PASSWORD_LENGTH } from "@/features/auth/server/auth";
import { UsersAdmin } from "@/features/admin/components/UsersAdmin";

type Props = PageProps<"/[lang]/admin/users">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "admin")("users.title"), robots: { index: false } } : {};
}

export default async function UsersPage({ params }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePagePermission("user.manage");
  const t = getT(lang, "admin");
  const users = await listUsers(await getDb());
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <h1>{t("users.title")}</h1>
      <p>{t("users.count", { count: users.length })}</p>
      <I18nProvider lang={lang} resources={clientResources(lang, ["admin", "auth", "errors"])}>
        <UsersAdmin users={users} selfId={principal.userId} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </I18nProvider>
    </main>
  );
}
