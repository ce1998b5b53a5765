"use client";

import { useTranslation } from "react-i18next";

/** Where a revision's text came from, in the UI language: a memory match with its score, or an MT provider. */
export function OriginLabel({ origin }: { origin: { kind: string; detail: string | null } }) {
  const { t } = useTranslation("mt");
  const label = origin.kind === "memory" ? t("origin.memory", { score: origin.detail ?? "" }) : origin.kind === "mt" ? t("origin.mt", { provider: origin.detail ?? "" }) : t("origin.typed");
  return (
    <span className="muted" data-testid="revision-origin" data-origin={origin.kind}>
      {label}
    </span>
  );
}
