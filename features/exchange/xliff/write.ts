/**
 * Writes one document's segments in one target language as XLIFF 2.1 or 1.2:
 * one <file> per document, one unit per segment (unit id = segment key, so ids
 * are stable across exports), the workbench status as the XLIFF state (see
 * model.ts), the segment's comments in that language as <note>s, and in the
 * workbench namespace the translation version and source hash the import checks
 * against. Valid against the OASIS schemas (XLIFF 2.1 core; XLIFF 1.2 strict,
 * with the workbench namespace's schema supplied for its attributes). Pure.
 */
import { escapeXmlAttribute, escapeXmlText } from "@/lib/xml";
import { NW_NS, STATE_12, STATE_2, XLIFF12_NS, XLIFF2_NS, isNmtoken, type ExportDocument, type ExportUnit, type ExportVersion } from "./model";

const OUTDATED_NOTE = "The English source changed after this translation was made: check the translation against the new source.";

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`)
    .join("");
}

/** The text to write as a target, or undefined when the unit has none (untranslated, or an empty draft). */
function targetOf(u: ExportUnit) {
  const t = u.translation;
  if (!t || t.status === "untranslated" || (t.status === "draft" && t.text === "")) return undefined;
  return t;
}

function noteId(id: string, used: Set<string>): string {
  let base = isNmtoken(id) ? id : `c${used.size + 1}`;
  while (used.has(base)) base = `${base}_`;
  used.add(base);
  return base;
}

function unit2(u: ExportUnit, pad: string): string {
  const t = targetOf(u);
  const status = t?.status ?? "untranslated";
  const lines = [
    `${pad}<unit${attrs({
      id: u.key,
      name: u.key,
      type: `nw:${u.kind}`,
      "nw:version": u.translation?.version ?? 0,
      "nw:sourceHash": u.sourceHash,
      "nw:outdated": u.translation?.outdated ? "yes" : undefined,
    })}>`,
  ];
  const used = new Set<string>();
  const notes: string[] = [];
  if (u.translation?.outdated) notes.push(`${pad}    <note${attrs({ id: noteId("outdated", used), category: "nw:outdated", appliesTo: "target", priority: 1 })}>${escapeXmlText(OUTDATED_NOTE)}</note>`);
  for (const c of u.comments) {
    notes.push(
      `${pad}    <note${attrs({ id: noteId(c.id, used), category: "comment", "nw:author": c.author, "nw:createdAt": c.createdAt, "nw:thread": c.threadId, "nw:resolved": c.resolved ? "yes" : undefined })}>${escapeXmlText(c.body)}</note>`,
    );
  }
  if (notes.length) lines.push(`${pad}  <notes>`, ...notes, `${pad}  </notes>`);
  lines.push(`${pad}  <segment${attrs({ id: "1", state: STATE_2[status] })}>`);
  lines.push(`${pad}    <source>${escapeXmlText(u.source)}</source>`);
  if (t) lines.push(`${pad}    <target>${escapeXmlText(t.text)}</target>`);
  lines.push(`${pad}  </segment>`, `${pad}</unit>`);
  return lines.join("\n");
}

/** XLIFF 2.1 (core namespace urn:oasis:names:tc:xliff:document:2.0, version="2.1"). */
export function writeXliff2(doc: ExportDocument): string {
  const fileId = isNmtoken(doc.slug) ? doc.slug : "f1";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff${attrs({ xmlns: XLIFF2_NS, "xmlns:nw": NW_NS, version: "2.1", srcLang: doc.sourceLang, trgLang: doc.targetLang })}>`,
    `  <file${attrs({ id: fileId, original: `stories/${doc.slug}`, "xml:space": "preserve", "nw:document": doc.slug, "nw:lang": doc.lang, "nw:exportedAt": doc.exportedAt })}>`,
    ...doc.units.map((u) => unit2(u, "    ")),
    "  </file>",
    "</xliff>",
    "",
  ].join("\n");
}

function unit12(u: ExportUnit, doc: ExportDocument, pad: string): string {
  const t = targetOf(u);
  const status = t?.status ?? "untranslated";
  const lines = [
    `${pad}<trans-unit${attrs({
      id: u.key,
      resname: u.key,
      restype: `x-${u.kind}`,
      "xml:space": "preserve",
      approved: status === "approved" ? "yes" : undefined,
      "nw:version": u.translation?.version ?? 0,
      "nw:sourceHash": u.sourceHash,
      "nw:outdated": u.translation?.outdated ? "yes" : undefined,
    })}>`,
    `${pad}  <source${attrs({ "xml:lang": doc.sourceLang })}>${escapeXmlText(u.source)}</source>`,
    `${pad}  <target${attrs({ "xml:lang": doc.targetLang, state: STATE_12[status] })}>${escapeXmlText(t?.text ?? "")}</target>`,
  ];
  if (u.translation?.outdated) lines.push(`${pad}  <note${attrs({ "xml:lang": "en", from: "Newsroom Workbench", annotates: "target", priority: 1 })}>${escapeXmlText(OUTDATED_NOTE)}</note>`);
  for (const c of u.comments) {
    // XLIFF 1.2 notes take no attributes of other namespaces: a resolved comment says so in its text.
    lines.push(`${pad}  <note${attrs({ from: c.author, annotates: "general" })}>${escapeXmlText(c.resolved ? `[resolved] ${c.body}` : c.body)}</note>`);
  }
  lines.push(`${pad}</trans-unit>`);
  return lines.join("\n");
}

/** XLIFF 1.2 (urn:oasis:names:tc:xliff:document:1.2). */
export function writeXliff12(doc: ExportDocument): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff${attrs({ xmlns: XLIFF12_NS, "xmlns:nw": NW_NS, version: "1.2" })}>`,
    `  <file${attrs({
      original: `stories/${doc.slug}`,
      "source-language": doc.sourceLang,
      "target-language": doc.targetLang,
      datatype: "plaintext",
      date: doc.exportedAt.replace(/\.\d+Z$/, "Z"),
      "nw:document": doc.slug,
      "nw:lang": doc.lang,
      "nw:exportedAt": doc.exportedAt,
    })}>`,
    "    <header>",
    `      <tool${attrs({ "tool-id": "newsroom-workbench", "tool-name": "Newsroom Workbench" })}/>`,
    "    </header>",
    "    <body>",
    ...doc.units.map((u) => unit12(u, doc, "      ")),
    "    </body>",
    "  </file>",
    "</xliff>",
    "",
  ].join("\n");
}

export function writeXliff(doc: ExportDocument, version: ExportVersion): string {
  return version === "2.1" ? writeXliff2(doc) : writeXliff12(doc);
}
