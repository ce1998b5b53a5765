"use client";

import { registerLanguages, type Language } from "./languages";

/**
 * Puts the languages the server read from LANGUAGES_DIR into the client's
 * language table. Rendered first in the root layout, so the components after
 * it (switcher, editor, glossary) find those languages like the built-in ones.
 */
export function RegisterLanguages({ languages }: { languages: readonly Language[] }) {
  registerLanguages(languages);
  return null;
}
