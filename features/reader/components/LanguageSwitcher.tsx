"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import type { Direction } from "@/lib/i18n/languages";

export interface LanguageLink {
  readonly code: string;
  readonly href: string;
  readonly nativeName: string;
  readonly lang: string;
  readonly dir: Direction;
  readonly current: boolean;
}

/** The cookie proxy.ts reads on "/" (LANGUAGE_COOKIE there), kept for a year. */
const LANGUAGE_COOKIE = "lang";
const ONE_YEAR = 60 * 60 * 24 * 365;

/** Remembers the reader's explicit choice in the browser, so pages never need to set a cookie. */
function rememberLanguage(code: string) {
  document.cookie = `${LANGUAGE_COOKIE}=${encodeURIComponent(code)}; path=/; max-age=${ONE_YEAR}; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
}

/** How much of a paragraph must show below the sticky bar to count as being read. */
const VISIBLE_PX = 24;

/** The first segment showing below the sticky language bar: the paragraph being read. */
function currentSegmentKey(bar: HTMLElement | null): string | undefined {
  if (window.scrollY <= 0) return undefined;
  const top = (bar?.getBoundingClientRect().bottom ?? 0) + VISIBLE_PX;
  for (const el of document.querySelectorAll<HTMLElement>("[data-segment]")) {
    if (el.getBoundingClientRect().bottom > top) return el.dataset.segment;
  }
  return undefined;
}

/** Tracks the paragraph in view, at most once per animation frame. */
function useSegmentInView(bar: RefObject<HTMLElement | null>): string | undefined {
  const [key, setKey] = useState<string | undefined>();
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      setKey(currentSegmentKey(bar.current));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [bar]);
  return key;
}

/**
 * Links to the same page in the other languages. Plain links work without
 * JavaScript; with it, each link carries the paragraph in view as its
 * fragment, so the reader lands on the same paragraph in the other language.
 */
export function LanguageSwitcher({ label, links }: { label: string; links: readonly LanguageLink[] }) {
  const bar = useRef<HTMLElement>(null);
  const key = useSegmentInView(bar);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <nav ref={bar} aria-label={label} className="language-switcher" data-testid="language-switcher" data-ready={ready ? "true" : undefined}>
      <ul>
        {links.map((l) => (
          <li key={l.code}>
            <a
              href={key ? `${l.href}#${encodeURIComponent(key)}` : l.href}
              hrefLang={l.lang}
              lang={l.lang}
              dir={l.dir}
              aria-current={l.current ? "page" : undefined}
              data-testid={`switch-${l.code}`}
              onClick={() => rememberLanguage(l.code)}
            >
              {l.nativeName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
