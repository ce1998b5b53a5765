"use client";

import { useEffect, useRef } from "react";

/** Calls the latest `handler` for every key pressed on the page, except inside dialogs. */
export function useShortcuts(handler: (e: KeyboardEvent) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.target instanceof Element && e.target.closest("dialog")) return;
      ref.current(e);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
