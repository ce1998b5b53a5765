"use client";

import { useTranslation } from "react-i18next";
import { wordDiff } from "../word-diff";

/**
 * How the source changed since the translation was made (a source update):
 * the earlier source → the current one, word by word.
 */
export function SourceChange({ before, after, lang, dir }: { before: string; after: string; lang: string; dir: "ltr" | "rtl" }) {
  const { t } = useTranslation("workbench");
  return (
    <div className="wb-source-change" data-testid="source-change">
      <span className="wb-outdated">{t("sourceChange.label")}</span>{" "}
      <span className="wb-diff" lang={lang} dir={dir} data-testid="source-diff">
        {wordDiff(before, after, lang).map((p, i) =>
          p.added ? (
            <ins key={i} title={t("sourceChange.added")}>
              {p.value}
            </ins>
          ) : p.removed ? (
            <del key={i} title={t("sourceChange.removed")}>
              {p.value}
            </del>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </span>
    </div>
  );
}
