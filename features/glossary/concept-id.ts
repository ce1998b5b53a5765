/** A concept id from its English name: lowercase ASCII words joined by hyphens, starting with a letter ("Sochi deal" → "sochi-deal"). */
export function conceptIdFrom(english: string): string {
  const slug = english
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 72)
    .replace(/-+$/, "");
  if (!slug) return "";
  return /^[a-z]/.test(slug) ? slug : `c-${slug}`;
}
