"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import { apiFetch } from "@/lib/api/client";
import { LANGUAGES, type Direction } from "@/lib/i18n/languages";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import { LanguageOptions } from "@/lib/i18n/LanguageOptions";
import type { UserSummary } from "@/features/auth/server/users";

const ROLES = ["translator", "reviewer"] as const;
const TARGETS = LANGUAGES.filter((l) => l.code !== "en");
const langAttrs = (code: string) => {
  const l = LANGUAGES.find((x) => x.code === code)!;
  return { lang: l.bcp47, dir: l.dir as Direction };
};
const nativeName = (code: string) => LANGUAGES.find((x) => x.code === code)?.nativeName ?? code;

/** Account administration: create, disable, reset password, grant and revoke roles per language. */
export function UsersAdmin({ users, selfId, minPasswordLength }: { users: readonly UserSummary[]; selfId: string; minPasswordLength: number }) {
  const { t } = useTranslation(["admin", "auth"]);
  const message = useErrorMessage();
  const router = useRouter();
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [working, setBusy] = useState(false);
  const hydrated = useHydrated();
  const busy = working || !hydrated;

  async function act(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setNotice(null);
    try {
      await work();
      setNotice({ kind: "ok", text: done });
      router.refresh();
      return true;
    } catch (e) {
      setNotice({ kind: "error", text: message(e) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const f = new FormData(formEl);
    const ok = await act(
      () =>
        apiFetch("/api/v1/admin/users", {
          method: "POST",
          json: {
            name: String(f.get("name") ?? ""),
            email: String(f.get("email") ?? ""),
            username: String(f.get("username") ?? ""),
            password: String(f.get("password") ?? ""),
            admin: f.get("admin") === "on",
          },
        }),
      t("users.create.done"),
    );
    if (ok) formEl.reset();
  }

  return (
    <div className="users-admin">
      <div aria-live="polite" className="notice-area">
        {notice && (
          <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "form-error" : "form-success"} data-testid="admin-notice">
            {notice.text}
          </p>
        )}
      </div>
      <table className="data-table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.username")}</th>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("users.roles")}</th>
            <th scope="col">{t("users.status")}</th>
            <th scope="col">{t("users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.username ?? u.id}`}>
              <td>
                <bdi>{u.name}</bdi>
              </td>
              <td dir="ltr" lang="en">
                {u.username}
              </td>
              <td dir="ltr" lang="en">
                {u.email}
              </td>
              <td>
                <ul className="chips">
                  {u.admin && <li className="chip">{t("auth:roles.admin")}</li>}
                  {u.grants.map((g) => (
                    <li key={g.id} className="chip">
                      {t(`auth:roles.${g.role}`)}: <span {...langAttrs(g.lang)}>{nativeName(g.lang)}</span>
                      <button
                        type="button"
                        className="chip-remove"
                        disabled={busy}
                        aria-label={t("users.revoke", { role: t(`auth:roles.${g.role}`), language: nativeName(g.lang) })}
                        onClick={() => act(() => apiFetch(`/api/v1/admin/users/${u.id}/grants/${g.id}`, { method: "DELETE" }), t("users.saved"))}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                  {!u.admin && u.grants.length === 0 && <li className="muted">{t("users.noRoles")}</li>}
                </ul>
                <GrantForm disabled={busy} onGrant={(role, lang) => act(() => apiFetch(`/api/v1/admin/users/${u.id}/grants`, { method: "POST", json: { role, lang } }), t("users.saved"))} />
              </td>
              <td>{u.disabled ? <strong className="status-disabled">{t("users.disabled")}</strong> : t("users.active")}</td>
              <td className="actions">
                {u.id !== selfId && (
                  <button type="button" disabled={busy} data-testid={`toggle-disabled-${u.username}`} onClick={() => act(() => apiFetch(`/api/v1/admin/users/${u.id}`, { method: "PATCH", json: { disabled: !u.disabled } }), t("users.saved"))}>
                    {u.disabled ? t("users.enable") : t("users.disable")}
                  </button>
                )}
                {u.id !== selfId && (
                  <button type="button" disabled={busy} onClick={() => act(() => apiFetch(`/api/v1/admin/users/${u.id}`, { method: "PATCH", json: { admin: !u.admin } }), t("users.saved"))}>
                    {u.admin ? t("users.removeAdmin") : t("users.makeAdmin")}
                  </button>
                )}
                <ResetPassword
                  disabled={busy}
                  minLength={minPasswordLength}
                  onReset={(password) => act(() => apiFetch(`/api/v1/admin/users/${u.id}/password`, { method: "PUT", json: { password } }), t("users.passwordReset"))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("users.create.title")}</h2>
      <form method="post" className="form" onSubmit={onCreate} data-testid="create-user-form">
        <label>
          {t("users.name")}
          <input name="name" required dir="auto" />
        </label>
        <label>
          {t("users.username")}
          <input name="username" required dir="ltr" pattern="[A-Za-z0-9][A-Za-z0-9._\-]{1,63}" />
        </label>
        <label>
          {t("users.email")}
          <input name="email" type="email" required dir="ltr" />
        </label>
        <label>
          {t("users.newPassword")}
          <input name="password" type="password" required minLength={minPasswordLength} autoComplete="new-password" dir="ltr" />
        </label>
        <label className="checkbox">
          <input name="admin" type="checkbox" /> {t("users.create.admin")}
        </label>
        <button type="submit" disabled={busy}>
          {t("users.create.submit")}
        </button>
      </form>
    </div>
  );
}

function GrantForm({ disabled, onGrant }: { disabled: boolean; onGrant: (role: string, lang: string) => Promise<unknown> }) {
  const { t } = useTranslation(["admin", "auth"]);
  return (
    <form
      method="post"
      className="grant-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        void onGrant(String(f.get("role")), String(f.get("lang")));
      }}
    >
      <label>
        <span className="visually-hidden">{t("users.role")}</span>
        <select name="role" defaultValue="translator">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`auth:roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">{t("users.language")}</span>
        <select name="lang" defaultValue="tr">
          <LanguageOptions languages={TARGETS} />
        </select>
      </label>
      <button type="submit" disabled={disabled}>
        {t("users.grant")}
      </button>
    </form>
  );
}

function ResetPassword({ disabled, minLength, onReset }: { disabled: boolean; minLength: number; onReset: (password: string) => Promise<boolean> }) {
  const { t } = useTranslation("admin");
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        {t("users.resetPassword")}
      </button>
    );
  }
  return (
    <form
      method="post"
      className="grant-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const password = String(new FormData(e.currentTarget).get("password") ?? "");
        if (await onReset(password)) setOpen(false);
      }}
    >
      <label>
        <span className="visually-hidden">{t("users.newPassword")}</span>
        <input name="password" type="password" required minLength={minLength} autoComplete="new-password" dir="ltr" placeholder={t("users.newPassword")} />
      </label>
      <button type="submit" disabled={disabled}>
        {t("users.setPassword")}
      </button>
    </form>
  );
}
