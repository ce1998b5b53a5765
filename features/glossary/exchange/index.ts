/** Glossary import and export formats: TBX v3 (TBX-Basic), TBX 2008 and CSV, to and from one neutral model. */
import { parseCsv, serializeCsv } from "./csv";
import type { ExchangeConcept, ParsedGlossary } from "./model";
import { DEFAULT_MAX_BYTES, parseTbx, serializeTbx } from "./tbx";

export * from "./model";
export { CSV_COLUMNS, parseCsv, serializeCsv } from "./csv";
export { DEFAULT_MAX_BYTES, conceptIdFromFile, conceptIdToFile, parseTbx, serializeTbx, type TbxVersion } from "./tbx";
export { TBX_NS, WORKBENCH_NOTE } from "./tbx-categories";

/** Formats files are read in: "tbx" reads TBX v3 and TBX 2008 alike. */
export const IMPORT_FORMATS = ["tbx", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Formats the export writes. */
export const EXPORT_FORMATS = ["tbx", "tbx2008", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Reads a glossary file. */
export function parseGlossaryFile(format: ImportFormat, bytes: Uint8Array, options: { maxBytes?: number } = {}): ParsedGlossary {
  if (bytes.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return { format: format === "csv" ? "csv" : "tbx", concepts: [], problems: [{ message: `The file is larger than ${options.maxBytes ?? DEFAULT_MAX_BYTES} bytes.` }], ignored: { languages: {}, categories: {} } };
  }
  return format === "csv" ? parseCsv(bytes) : parseTbx(bytes, options);
}

/** Writes a glossary file. */
export function serializeGlossary(format: ExportFormat, concepts: readonly ExchangeConcept[]): string {
  if (format === "csv") return serializeCsv(concepts);
  return serializeTbx(concepts, format === "tbx2008" ? "2008" : "v3");
}

/** The media type and file extension of an export. */
export function exportFileType(format: ExportFormat): { contentType: string; extension: string } {
  return format === "csv" ? { contentType: "text/csv; charset=utf-8; header=present", extension: "csv" } : { contentType: "application/x-tbx+xml; charset=utf-8", extension: "tbx" };
}
