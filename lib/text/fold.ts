/** Folds case, accents and script variants so that a search finds "Idlib" with "idlib", "إدلب" with "ادلب". */
export function foldForSearch(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/İ/g, "i")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/ё/g, "е")
    .replace(/[إأآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ك/g, "ک")
    .replace(/ي/g, "ی");
}

/** The folded text a glossary concept is found by: its id and its definition (stored as concepts.search_fold). */
export function foldConceptSearch(id: string, definition: string): string {
  return `${foldForSearch(id)}\n${foldForSearch(definition)}`;
}
