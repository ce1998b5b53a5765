"use client";

import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import { apiFetch } from "@/lib/api/client";
import { useErrorMessage } from "./useErrorMessage";

/** Changes the signed-in user's password and signs out their other sessions. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const { t } = useTranslation("auth");
  const message = useErrorMessage();
  const hydrated = useHydrated();
  const [status, setStatus] = useState<{ kind: "idle" | "busy" | "done" } | { kind: "error"; text: string }>({ kind: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setStatus({ kind: "error", text: t("account.mismatch") });
      return;
    }
    setStatus({ kind: "busy" });
    try {
      await apiFetch("/api/auth/change-password", {
        method: "POST",
        json: { currentPassword: String(form.get("currentPassword") ?? ""), newPassword, revokeOtherSessions: true },
      });
      formEl.reset();
      setStatus({ kind: "done" });
    } catch (e) {
      setStatus({ kind: "error", text: message(e) });
    }
  }

  return (
    <form method="post" className="form" onSubmit={onSubmit} data-testid="change-password-form">
      <label>
        {t("account.currentPassword")}
        <input name="currentPassword" type="password" autoComplete="current-password" required dir="ltr" />
      </label>
      <label>
        {t("account.newPassword")}
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={minLength} dir="ltr" aria-describedby="password-hint" />
      </label>
      <p id="password-hint" className="hint">
        {t("account.passwordHint", { count: minLength })}
      </p>
      <label>
        {t("account.confirmPassword")}
        <input name="confirmPassword" type="password" autoComplete="new-password" required minLength={minLength} dir="ltr" />
      </label>
      {status.kind === "error" && (
        <p role="alert" className="form-error">
          {status.text}
        </p>
      )}
      {status.kind === "done" && (
        <p role="status" className="form-success">
          {t("account.saved")}
        </p>
      )}
      <button type="submit" disabled={status.kind === "busy" || !hydrated}>
        {status.kind === "busy" ? t("account.saving") : t("account.save")}
      </button>
    </form>
  );
}
