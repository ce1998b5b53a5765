"use client";

import { useTranslation } from "react-i18next";
import type { PendingEdit } from "../pending";

/** The offline notice, the latest message (dismissable), and text recovered from an earlier visit. */
export function Notices({
  online,
  notice,
  onDismiss,
  recovered,
  canEdit,
  onRestore,
  onDiscard,
}: {
  online: boolean;
  notice: string | null;
  onDismiss(): void;
  recovered: readonly PendingEdit[];
  canEdit: boolean;
  onRestore(): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation("workbench");
  return (
    <>
      {!online && (
        <p className="wb-offline" role="status" data-testid="offline-notice">
          {t("editor.offline")}
        </p>
      )}
      {notice && (
        <p className="wb-notice" role="status" data-testid="wb-notice">
          {notice}{" "}
          <button type="button" className="link-button" onClick={onDismiss}>
            ×
          </button>
        </p>
      )}
      {recovered.length > 0 && canEdit && (
        <div className="wb-recovery" role="alert" data-testid="recovery">
          <strong>{t("recovery.title", { count: recovered.length })}</strong> <span>{t("recovery.body")}</span>{" "}
          <button type="button" data-testid="recovery-restore" onClick={onRestore}>
            {t("recovery.restore")}
          </button>{" "}
          <button type="button" onClick={onDiscard}>
            {t("recovery.discard")}
          </button>
        </div>
      )}
    </>
  );
}
