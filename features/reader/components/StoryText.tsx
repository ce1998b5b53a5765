"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { termParts, type StoryTextData, type TextCell, type TextLanguage } from "../story-text";

/** The id of a concept's one tooltip on the page. */
export const tipId = (conceptId: string) => `tip-${conceptId}`;

const noSubscription = () => () => {};
/** False while rendering on the server and hydrating, true after: the glossary markup is added then. */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

interface Labels {
  /** The visually hidden label before a definition ("Definition"). */
  readonly definition: string;
  /** The parallel table's caption (the parallel view only). */
  readonly caption?: string;
}

/** The term under the mouse, and the one focused or tapped: the tooltip shows the first. */
interface Open {
  readonly hover: HTMLElement | null;
  readonly pinned: HTMLElement | null;
}

const TERM = ".term-button";
const termOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>(TERM) : null);

/**
 * The story body, one language or the parallel view (`data.langs.length > 1`),
 * from compact data (features/reader/story-text.ts). The server's HTML is the
 * plain text; once hydrated, glossary terms become buttons described by their
 * concept's tooltip, one per concept, which opens next to the term hovered,
 * focused or tapped, and closes with Escape.
 */
export function StoryText({ data, parallel, labels }: { data: StoryTextData; parallel: boolean; labels: Labels }) {
  const hydrated = useHydrated();
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<Open>({ hover: null, pinned: null });
  const anchor = open.hover ?? open.pinned;
  const concept = anchor?.dataset.concept;

  // Places the open tooltip under its term, inside the body's box.
  useLayoutEffect(() => {
    const tip = concept ? document.getElementById(tipId(concept)) : null;
    const box = root.current;
    if (!anchor || !tip || !box) return;
    const a = anchor.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const rtl = getComputedStyle(anchor).direction === "rtl";
    const left = rtl ? a.right - b.left - tip.offsetWidth : a.left - b.left;
    tip.style.top = `${a.bottom - b.top}px`;
    tip.style.left = `${Math.max(0, Math.min(left, b.width - tip.offsetWidth))}px`;
  }, [anchor, concept]);

  // Escape closes an open tooltip wherever the focus is; a tap outside the body closes a tapped one (touch browsers may not focus a tapped button).
  const isOpen = anchor !== null;
  useEffect(() => {
    if (!isOpen) return;
    const close = () => setOpen({ hover: null, pinned: null });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onDown);
    };
  }, [isOpen]);

  const onPointerOver = useCallback((e: React.PointerEvent) => {
    if (e.pointerType !== "mouse") return;
    const term = termOf(e.target);
    // Moving onto the tooltip keeps it open.
    if (!term && (e.target as Element).closest?.(".term-tip")) return;
    setOpen((o) => (o.hover === term ? o : { ...o, hover: term }));
  }, []);
  const onPointerLeave = useCallback((e: React.PointerEvent) => {
    if (e.pointerType === "mouse") setOpen((o) => (o.hover ? { ...o, hover: null } : o));
  }, []);
  const onPointerDown = useCallback((e: React.PointerEvent) => {
    if (e.pointerType === "mouse") return;
    const term = termOf(e.target);
    if (!term && (e.target as Element).closest?.(".term-tip")) return;
    setOpen({ hover: null, pinned: term });
  }, []);
  const onFocus = useCallback((e: React.FocusEvent) => {
    const term = termOf(e.target);
    if (term) setOpen((o) => ({ ...o, pinned: term }));
  }, []);
  const onBlur = useCallback((e: React.FocusEvent) => {
    if (!termOf(e.relatedTarget)) setOpen((o) => (o.pinned === e.target ? { ...o, pinned: null } : o));
  }, []);

  // The body re-renders only when hydrated, not when a tooltip opens or closes.
  const body = useMemo(() => {
    const text = (cell: TextCell) =>
      !hydrated
        ? cell[0]
        : termParts(cell).map((p, i) => {
            if (typeof p === "string") return p;
            const id = data.cards[p[1]]![0];
            return (
              <button key={i} type="button" className="term-button" aria-describedby={tipId(id)} data-testid="reader-term" data-concept={id}>
                {p[0]}
              </button>
            );
          });
    if (parallel) {
      return (
        <table className="parallel" data-testid="parallel-table">
          {labels.caption && <caption>{labels.caption}</caption>}
          <thead>
            <tr>
              {data.langs.map(([code, lang, dir, name]) => (
                <th key={code} scope="col" lang={lang} dir={dir}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map(([key, kind, cells]) => (
              <tr key={key} id={key} data-segment={key} className={`segment-${kind}`}>
                {data.langs.map(([code, lang, dir, name], i) => {
                  const cell = cells[i];
                  // A segment added or removed by a source update between two editions' publications has no text in one of them.
                  return (
                    <td key={code} data-label={name} lang={lang} dir={dir}>
                      {cell ? text(cell) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    const [, lang, dir] = data.langs[0]!;
    return data.rows.map(([key, kind, [cell]]) => {
      const props = { id: key, "data-segment": key, className: `segment segment-${kind}`, lang, dir };
      return kind === "heading" ? (
        <h2 key={key} {...props}>
          {text(cell!)}
        </h2>
      ) : (
        <p key={key} {...props}>
          {text(cell!)}
        </p>
      );
    });
  }, [data, parallel, labels.caption, hydrated]);

  return (
    <div
      ref={root}
      className={parallel ? "story-text" : "story-text story-body"}
      onPointerOver={onPointerOver}
      onPointerLeave={onPointerLeave}
      onPointerDown={onPointerDown}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      {body}
      {hydrated && data.cards.length > 0 && (
        <div className="term-tips" data-testid="term-tips">
          {data.cards.map(([id, definition, terms]) => (
            // Every card stays in the document (hidden until its term is pointed at), the description of each of its terms.
            <span key={id} role="tooltip" id={tipId(id)} className="term-tip" lang="en" dir="ltr" hidden={id !== concept}>
              <span className="visually-hidden">{labels.definition}: </span>
              {definition}
              <span className="term-tip-langs">
                {data.cardLangs.map(([code, lang, dir]: TextLanguage, i) =>
                  terms[i] ? (
                    <span key={code} lang={lang} dir={dir}>
                      {terms[i]}
                    </span>
                  ) : null,
                )}
              </span>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
