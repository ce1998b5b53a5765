"use client";

import { useEffect } from "react";

/** Moves a concept's one tooltip right after the term the reader points at, focuses or taps, so CSS shows it there. */
function anchor(event: Event) {
  const button = (event.target as Element | null)?.closest?.(".term-button");
  const id = button?.getAttribute("aria-describedby");
  const tip = id ? document.getElementById(id) : null;
  if (button && tip && button.nextElementSibling !== tip) button.after(tip);
}

/** Listens once per page for the terms' hover, focus and tap (no markup). */
export function TermTipAnchor() {
  useEffect(() => {
    const events = ["pointerover", "focusin", "pointerdown"] as const;
    for (const e of events) document.addEventListener(e, anchor, true);
    return () => {
      for (const e of events) document.removeEventListener(e, anchor, true);
    };
  }, []);
  return null;
}
