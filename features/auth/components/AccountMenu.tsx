import type { TFunction } from "i18next";
import { textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import { can, type Principal } from "../permissions";

/** Sign-in link, or the user's name with their pages and a sign-out button (no client JavaScript). */
export function AccountMenu({ lang, principal, currentPath, t, workbenchLabel }: { lang: LanguageCode; principal: Principal; currentPath: string; t: TFunction; workbenchLabel: string }) {
  if (principal.kind !== "user") {
    const signInHref = `/${lang}/sign-in?next=${encodeURIComponent(currentPath)}`;
    return (
      <nav className="account-menu" aria-label={t("menu.label")} {...textAttrs(lang)} data-testid="account-menu">
        {!currentPath.startsWith(`/${lang}/sign-in`) && (
          <a href={signInHref} data-testid="sign-in-link">
            {t("menu.signIn")}
          </a>
        )}
      </nav>
    );
  }
  return (
    <nav className="account-menu" aria-label={t("menu.label")} {...textAttrs(lang)} data-testid="account-menu">
      <span className="account-name" data-testid="account-name">
        {t("menu.signedInAs", { name: principal.name })}
      </span>
      <a href={`/${lang}/workbench`} data-testid="workbench-link">
        {workbenchLabel}
      </a>
      <a href={`/${lang}/account`}>{t("menu.account")}</a>
      {can(principal, "user.manage") && (
        <a href={`/${lang}/admin/users`} data-testid="admin-users-link">
          {t("menu.users")}
        </a>
      )}
      {can(principal, "audit.read") && (
        <a href={`/${lang}/admin/audit`} data-testid="admin-audit-link">
          {t("menu.audit")}
        </a>
      )}
      <form method="post" action="/api/v1/session/sign-out" className="inline-form">
        <input type="hidden" name="next" value={/^\/[^/]+\/(admin|account)(\/|$|\?)/.test(currentPath) ? `/${lang}` : currentPath} />
        <button type="submit" className="link-button" data-testid="sign-out">
          {t("menu.signOut")}
        </button>
      </form>
    </nav>
  );
}
