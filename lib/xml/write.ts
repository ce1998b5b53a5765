/** Escaping for the XML the project writes (TBX, TMX): text survives a parse unchanged. */

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: &, <, > escaped; CR kept as a reference (a parser would turn a raw CR into LF); characters XML cannot hold dropped. */
export function escapeXmlText(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** An attribute value in double quotes: tabs and line breaks kept as references (a parser would turn them into spaces). */
export function escapeXmlAttribute(s: string): string {
  return escapeXmlText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** `<name a="v">text</name>` on one line. */
export function xmlElement(name: string, attributes: Record<string, string | undefined>, text: string): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(v!)}"`)
    .join("");
  return `<${name}${attrs}>${escapeXmlText(text)}</${name}>`;
}
