"use client";

import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import { apiFetch } from "@/lib/api/client";
import { useErrorMessage } from "./useErrorMessage";

/** Username-or-e-mail and password; on success goes to `next`. */
export function SignInForm({ next }: { next: string }) {
  const { t } = useTranslation("auth");
  const message = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const identifier = String(form.get("identifier") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      const isEmail = identifier.includes("@");
      await apiFetch(isEmail ? "/api/auth/sign-in/email" : "/api/auth/sign-in/username", {
        method: "POST",
        json: isEmail ? { email: identifier, password } : { username: identifier, password },
      });
      window.location.assign(next);
    } catch (e) {
      setError(message(e));
      setBusy(false);
    }
  }

  return (
    <form method="post" className="form" onSubmit={onSubmit} data-testid="sign-in-form" noValidate>
      <label>
        {t("signIn.identifier")}
        <input name="identifier" autoComplete="username" required dir="auto" data-testid="sign-in-identifier" />
      </label>
      <label>
        {t("signIn.password")}
        <input name="password" type="password" autoComplete="current-password" required dir="ltr" data-testid="sign-in-password" />
      </label>
      {error && (
        <p role="alert" className="form-error" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !hydrated} data-testid="sign-in-submit">
        {busy ? t("signIn.submitting") : t("signIn.submit")}
      </button>
      <p className="hint">{t("signIn.noSignUp")}</p>
    </form>
  );
}
