"use client";

import type { MouseEvent } from "react";
import type { Direction } from "@/lib/i18n/languages";

export interface LanguageLink {
  readonly code: string;
  readonly href: string;
  readonly nativeName: string;
  readonly lang: string;
  readonly dir: Direction;
  readonly current: boolean;
}

/** The segment nearest the top of the viewport: the paragraph being read. */
function currentSegmentKey(): string | undefined {
  const segments = document.querySelectorAll<HTMLElement>("[data-segment]");
  for (const el of segments) {
    if (el.getBoundingClientRect().bottom > 8) return el.dataset.segment;
  }
  return undefined;
}

/**
 * Links to the same page in the other languages. Plain links work without
 * JavaScript; with it, the link carries the paragraph in view as its fragment
 * so the reader lands on the same paragraph.
 */
export function LanguageSwitcher({ label, links }: { label: string; links: readonly LanguageLink[] }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const key = currentSegmentKey();
    if (key && window.scrollY > 0) event.currentTarget.hash = key;
  };
  return (
    <nav aria-label={label} className="language-switcher" data-testid="language-switcher">
      <ul>
        {links.map((l) => (
          <li key={l.code}>
            <a
              href={l.href}
              hrefLang={l.lang}
              lang={l.lang}
              dir={l.dir}
              aria-current={l.current ? "page" : undefined}
              data-testid={`switch-${l.code}`}
              onClick={onClick}
            >
              {l.nativeName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
