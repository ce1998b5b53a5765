"use client";

import { useTranslation } from "react-i18next";
import { ApiClientError } from "@/lib/api/client";

/** Turns any error into a readable message in the UI language, by its API code. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation(["errors", "auth"]);
  return (error) => {
    if (error instanceof ApiClientError) {
      const minutes = (error.details as { retryAfterMinutes?: number } | undefined)?.retryAfterMinutes;
      if (error.code === "rate_limited" && minutes) return t("auth:signIn.retryIn", { count: minutes });
      return t(`errors:codes.${error.code}`);
    }
    return t("errors:codes.internal");
  };
}
