/**
 * Text typed but not yet acknowledged by the server, kept in localStorage
 * until it is: it survives a reload, a lost connection or a crashed tab.
 */
import type { TextOrigin } from "./schemas";

export interface PendingEdit {
  readonly segmentId: string;
  readonly text: string;
  readonly status: "draft" | "translated";
  /** The server version the text was typed on top of. */
  readonly baseVersion: number;
  readonly typedAt: number;
  /** Where the text came from (a memory match, an MT suggestion), until a save carries it to the server. */
  readonly origin?: TextOrigin;
}

const PREFIX = "wb:pending:";
const keyOf = (slug: string, lang: string, segmentId: string) => `${PREFIX}${slug}:${lang}:${segmentId}`;

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export function putPending(slug: string, lang: string, edit: PendingEdit): void {
  try {
    storage()?.setItem(keyOf(slug, lang, edit.segmentId), JSON.stringify(edit));
  } catch {
    /* storage full or blocked: the in-memory copy still exists */
  }
}

/** Forgets the pending edit, but only if it is still the text that was saved. */
export function clearPending(slug: string, lang: string, segmentId: string, savedText?: string): void {
  const s = storage();
  if (!s) return;
  const key = keyOf(slug, lang, segmentId);
  if (savedText !== undefined) {
    const current = s.getItem(key);
    if (current && (JSON.parse(current) as PendingEdit).text !== savedText) return;
  }
  s.removeItem(key);
}

export function listPending(slug: string, lang: string): PendingEdit[] {
  const s = storage();
  if (!s) return [];
  const prefix = `${PREFIX}${slug}:${lang}:`;
  const out: PendingEdit[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(prefix)) continue;
    try {
      out.push(JSON.parse(s.getItem(key)!) as PendingEdit);
    } catch {
      s.removeItem(key);
    }
  }
  return out.sort((a, b) => a.typedAt - b.typedAt);
}
