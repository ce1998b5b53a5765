"use client";

import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ProposeConceptForm } from "@/features/glossary/components/GlossaryActions";
import { SUBJECTS } from "@/features/glossary/subjects";
import type { GlossaryLookup } from "@/features/glossary/schemas";
import type { WorkbenchSegment } from "../schemas";
import { workbenchKeys } from "../query-keys";
import type { LangInfo } from "./lang";

/** The text selected inside an element marked data-source-of=<segment id>, or "". */
function selectedSource(segmentId: string): string {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return "";
  const node = sel.getRangeAt(0).commonAncestorContainer;
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest(`[data-source-of="${CSS.escape(segmentId)}"]`) ? sel.toString().replace(/\s+/g, " ").trim() : "";
}

/**
 * Proposes a glossary term from what the translator selected: the English words in the source
 * and, if any, the words selected in their translation. The term goes to an existing concept of
 * this segment or to a new concept.
 */
export function ProposeFromSelection({ segment, target, concepts }: { segment: WorkbenchSegment; target: LangInfo; concepts: GlossaryLookup["concepts"] }) {
  const { t } = useTranslation("glossary");
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ english: string; term: string; key: number } | null>(null);
  // Clicking the button may move the selection: remember the last one made in this segment's source.
  const lastSource = useRef("");
  useEffect(() => {
    lastSource.current = "";
    setOpen(null);
    const onChange = () => {
      const text = selectedSource(segment.id);
      if (text) lastSource.current = text;
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [segment.id]);

  const start = () => {
    const editor = document.querySelector<HTMLTextAreaElement>(`[data-editor="${CSS.escape(segment.id)}"]`);
    const term = editor ? editor.value.slice(editor.selectionStart, editor.selectionEnd).trim() : "";
    setOpen({ english: selectedSource(segment.id) || lastSource.current, term, key: Date.now() });
  };

  return (
    <div className="wb-propose" data-testid="propose-from-selection">
      {open ? (
        <>
          <ProposeConceptForm
            key={open.key}
            languages={[target]}
            subjects={SUBJECTS}
            initial={{ english: open.english, term: open.term, lang: target.code }}
            existing={concepts.map((c) => ({ conceptId: c.conceptId, name: c.sourceTerm ?? c.conceptId }))}
            onDone={() => void queryClient.invalidateQueries({ queryKey: [...workbenchKeys.all, "glossary"] })}
          />
          <button type="button" onClick={() => setOpen(null)}>
            {t("edit.cancel")}
          </button>
        </>
      ) : (
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={start} data-testid="propose-selection-open" title={t("propose.fromSelectionHint")}>
          {t("propose.fromSelection")}
        </button>
      )}
    </div>
  );
}
