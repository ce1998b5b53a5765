"use client";

import type { Dispatch, ReactNode, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import type { TranslationStatus } from "@/lib/db/schema";
import { TRANSLATION_STATUSES } from "@/lib/db/schema";
import type { SegmentFilter } from "../workbench";

/** The filters above the segment list (status, open comments, text), the count shown, and the help button. */
export function Toolbar({
  filter,
  setFilter,
  total,
  counts,
  outdated,
  shown,
  onHelp,
  children,
}: {
  filter: SegmentFilter;
  setFilter: Dispatch<SetStateAction<SegmentFilter>>;
  total: number;
  counts: Record<TranslationStatus, number>;
  outdated: number;
  shown: number;
  onHelp(): void;
  /** Further document actions (pre-translation). */
  children?: ReactNode;
}) {
  const { t } = useTranslation("workbench");
  return (
    <div className="wb-toolbar" role="search">
      <fieldset className="wb-filters">
        <legend className="visually-hidden">{t("filters.label")}</legend>
        {(["all", ...TRANSLATION_STATUSES] as const).map((s) => (
          <button key={s} type="button" aria-pressed={filter.status === s} data-testid={`filter-${s}`} onClick={() => setFilter((f) => ({ ...f, status: s }))}>
            {s === "all" ? t("filters.all") : t(`status.${s}`)} <span className="count">{s === "all" ? total : counts[s]}</span>
          </button>
        ))}
        <button type="button" aria-pressed={filter.status === "outdated"} data-testid="filter-outdated" onClick={() => setFilter((f) => ({ ...f, status: "outdated" }))}>
          {t("outdated")} <span className="count">{outdated}</span>
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={filter.openComments} data-testid="filter-comments" onChange={(e) => setFilter((f) => ({ ...f, openComments: e.target.checked }))} /> {t("filters.openComments")}
        </label>
        <label>
          <span className="visually-hidden">{t("filters.search")}</span>
          <input type="search" placeholder={t("filters.search")} value={filter.text} dir="auto" data-testid="filter-text" onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))} />
        </label>
      </fieldset>
      <span className="wb-shown" aria-live="polite" data-testid="shown-count">
        {t("filters.shown", { count: shown })}
      </span>
      {children}
      <button type="button" onClick={onHelp} data-testid="help-open">
        {t("help.open")} <kbd>?</kbd>
      </button>
    </div>
  );
}
