"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Conflict } from "../hooks/useDraftStore";
import type { LangInfo } from "./lang";

/** Someone saved the segment first: keep mine, take theirs, or merge the two. */
export function ConflictDialog({ conflict, target, onResolve }: { conflict: Conflict; target: LangInfo; onResolve(choice: { keep: "mine" } | { keep: "theirs" } | { merged: string }): void }) {
  const { t } = useTranslation("workbench");
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState(conflict.mine);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const theirs = conflict.current;
  return (
    <dialog ref={ref} className="wb-dialog" aria-labelledby="conflict-title" data-testid="conflict-dialog" onCancel={(e) => e.preventDefault()}>
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.body", { name: theirs?.updatedByName ?? "?", version: theirs?.version ?? 0 })}</p>
      <div className="wb-conflict-columns">
        <section>
          <h3>{t("conflict.yours")}</h3>
          <p lang={target.bcp47} dir={target.dir} data-testid="conflict-mine">
            {conflict.mine}
          </p>
        </section>
        <section>
          <h3>{t("conflict.theirs", { version: theirs?.version ?? 0 })}</h3>
          <p lang={target.bcp47} dir={target.dir} data-testid="conflict-theirs">
            {theirs?.text ?? ""}
          </p>
        </section>
      </div>
      {merging ? (
        <>
          <textarea lang={target.bcp47} dir={target.dir} value={merged} onChange={(e) => setMerged(e.target.value)} data-testid="conflict-merged" aria-label={t("conflict.merge")} rows={5} />
          <button type="button" onClick={() => onResolve({ merged })} data-testid="conflict-save-merged">
            {t("conflict.saveMerged")}
          </button>
        </>
      ) : (
        <div className="wb-actions">
          <button type="button" onClick={() => onResolve({ keep: "mine" })} data-testid="conflict-keep-mine">
            {t("conflict.keepMine")}
          </button>
          <button type="button" onClick={() => onResolve({ keep: "theirs" })} data-testid="conflict-take-theirs">
            {t("conflict.takeTheirs")}
          </button>
          <button type="button" onClick={() => setMerging(true)} data-testid="conflict-merge">
            {t("conflict.merge")}
          </button>
        </div>
      )}
    </dialog>
  );
}

/** The keyboard shortcuts of the editor. */
export function HelpDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation("workbench");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const rows: [string, string][] = [
    ["Ctrl+Enter", t("help.confirm")],
    ["Alt+↓", t("help.next")],
    ["Alt+↑", t("help.previous")],
    ["Ctrl+Insert", t("help.copySource")],
    ["Ctrl+Shift+1 … 9", t("help.insertTerm")],
    ["Alt+Shift+1 … 5", t("help.applyMatch")],
    ["Alt+Shift+6 … 9", t("mt:help.applyMt")],
    ["Alt+0", t("help.filterAll")],
    ["Alt+1 … Alt+4", t("help.filterStatus")],
    ["/", t("help.search")],
    ["?", t("help.help")],
  ];
  return (
    <dialog ref={ref} className="wb-dialog" aria-labelledby="help-title" data-testid="help-dialog" onClose={onClose}>
      <h2 id="help-title">{t("help.title")}</h2>
      <table className="data-table">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row" dir="ltr">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => ref.current?.close()} data-testid="help-close" autoFocus>
        {t("help.close")}
      </button>
    </dialog>
  );
}
