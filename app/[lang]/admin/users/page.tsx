import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/features/auth/server/page-guards";
import { isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { USERS_ORDER, countUsers, listUsersPage } from "@/features/auth/server/users";
import { MIN_PASSWORD_LENGTH } from "@/features/auth/server/auth";
import { UsersAdmin } from "@/features/admin/components/UsersAdmin";
import { USER_STATUSES, userListQuerySchema } from "@/features/admin/schemas";
import { firstValues, pageRequestOrThrow } from "@/lib/api/page";
import { Pager, pageHref } from "@/lib/ui/Pager";

type Props = PageProps<"/[lang]/admin/users">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "admin")("users.title"), robots: { index: false } } : {};
}

export default async function UsersPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  const principal = await requirePagePermission("user.manage");
  const t = getT(lang, "admin");
  const common = getT(lang, "common");
  const sp = firstValues(await searchParams);
  const parsed = userListQuerySchema.safeParse({ q: sp.q || undefined, status: sp.status || undefined, limit: sp.limit, after: sp.after, before: sp.before });
  if (!parsed.success) notFound();
  const { limit, after, before, q, status } = parsed.data;
  let request;
  try {
    request = pageRequestOrThrow({ limit, after, before }, USERS_ORDER.length);
  } catch {
    notFound();
  }
  const db = await getDb();
  const page = await listUsersPage(db, { q: q || undefined, status }, request);
  const total = await countUsers(db);
  const kept = { q, status, limit: sp.limit };
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <h1>{t("users.title")}</h1>
      <p>{t("users.count", { count: total })}</p>
      <form method="get" className="filter-form" data-testid="users-filters">
        <fieldset>
          <legend className="visually-hidden">{t("users.filters")}</legend>
          <label>
            {t("users.search")}
            <input type="search" name="q" defaultValue={q ?? ""} maxLength={200} dir="auto" data-testid="users-q" />
          </label>
          <label>
            {t("users.status")}
            <select name="status" defaultValue={status ?? ""} data-testid="users-status">
              <option value="">{t("audit.any")}</option>
              {USER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s === "active" ? t("users.active") : t("users.disabled")}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <button type="submit">{t("audit.apply")}</button> <a href={`/${lang}/admin/users`}>{t("audit.clear")}</a>
      </form>
      {page.items.length === 0 && <p data-testid="users-empty">{t("users.none")}</p>}
      <I18nProvider lang={lang} resources={clientResources(lang, ["admin", "auth", "errors"])}>
        <UsersAdmin users={page.items} selfId={principal.userId} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </I18nProvider>
      <Pager
        label={common("pager.label")}
        previousLabel={common("pager.previous")}
        nextLabel={common("pager.next")}
        previousHref={pageHref(`/${lang}/admin/users`, kept, { before: page.prev })}
        nextHref={pageHref(`/${lang}/admin/users`, kept, { after: page.next })}
        testId="users-pager"
      />
    </main>
  );
}
