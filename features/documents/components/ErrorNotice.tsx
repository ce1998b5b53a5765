"use client";

import { useTranslation } from "react-i18next";
import { ApiClientError } from "@/lib/api/client";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";

/** An API error in the UI language, with the server's own (English) explanation below it. */
export function ErrorNotice({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation("documents");
  const message = useErrorMessage();
  const detail = error instanceof ApiClientError && error.code !== "network" ? error.message : null;
  return (
    <div role="alert" className="form-error" data-testid={testId}>
      <p>{message(error)}</p>
      {detail && (
        <p>
          {t("errorDetail")} <span lang="en" dir="ltr">{detail}</span>
        </p>
      )}
    </div>
  );
}
