/**
 * .docx to blocks: the ZIP package is checked first (its directory only, without
 * inflating anything), then mammoth turns the document into HTML, which goes
 * through the same path as an HTML upload (parseHtml). Server side.
 *
 * Refused, with a clear message: anything that is not a ZIP package (an old .doc,
 * an encrypted document, a renamed file), a package without word/document.xml,
 * macro-enabled documents (a vbaProject part, or the .docm content type), ZIP64
 * or oversized packages (more than LIMITS.maxDocxBytes, more entries than
 * LIMITS.maxDocxEntries, or more than LIMITS.maxDocxUncompressedBytes once
 * inflated, as declared in the directory). Images are dropped unread; external
 * files are never fetched (mammoth's default, stated explicitly).
 */
import mammoth from "mammoth";
import { type Block, DocumentInputError, LIMITS } from "./blocks";
import { parseHtml } from "./parse-html";

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** The entries of a ZIP file, read from its central directory; throws DocumentInputError when it is not one. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const notZip = () => new DocumentInputError("invalid", "The file is not a .docx document (a .docx file is a ZIP package; save the document as .docx in Word).");
  if (bytes.length >= 8 && u32(bytes, 0) === 0xe011cfd0 && u32(bytes, 4) === 0xe11ab1a1) {
    throw new DocumentInputError("invalid", "The file is an old Word .doc or an encrypted document: save it as a .docx without a password and upload it again.");
  }
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) throw notZip();
  // End of central directory: the last 22 bytes plus a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new DocumentInputError("too_large", "The .docx package is too large (ZIP64).");
  if (count > LIMITS.maxDocxEntries) throw new DocumentInputError("too_large", `The .docx package has ${count} files; at most ${LIMITS.maxDocxEntries} are accepted.`);
  if (dirOffset + dirSize > eocd) throw notZip();
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50) throw notZip();
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new DocumentInputError("too_large", "The .docx package is too large (ZIP64).");
    entries.push({ name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)), compressedSize, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Checks a .docx package before anything is inflated. */
export function checkDocx(bytes: Uint8Array): void {
  if (bytes.length > LIMITS.maxDocxBytes) throw new DocumentInputError("too_large", `The .docx file is larger than ${LIMITS.maxDocxBytes / 1024 / 1024} MB.`);
  const entries = readZipDirectory(bytes);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (entries.some((e) => /(^|\/)vbaproject\.bin$|(^|\/)vbadata\.xml$/i.test(e.name))) {
    throw new DocumentInputError("invalid", "Macro-enabled documents are refused: save the document as a plain .docx (without macros) and upload it again.");
  }
  if (!names.has("word/document.xml") || !names.has("[content_types].xml")) {
    throw new DocumentInputError("invalid", "The file is a ZIP package but not a Word document (word/document.xml is missing).");
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > LIMITS.maxDocxUncompressedBytes) {
    throw new DocumentInputError("too_large", `The .docx package unpacks to more than ${LIMITS.maxDocxUncompressedBytes / 1024 / 1024} MB.`);
  }
  // A compression ratio no real document has (zip bombs).
  if (entries.some((e) => e.size > 1_000_000 && e.size > e.compressedSize * 200)) {
    throw new DocumentInputError("invalid", "The .docx package looks malformed (an implausibly compressed part).");
  }
}

/** Word styles mammoth does not map by default: the document title. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** The HTML mammoth makes of a checked .docx. */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  checkDocx(bytes);
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        includeEmbeddedStyleMap: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
    return result.value;
  } catch (e) {
    if (e instanceof DocumentInputError) throw e;
    throw new DocumentInputError("invalid", `The .docx document could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function parseDocx(bytes: Uint8Array): Promise<Block[]> {
  return parseHtml(await docxToHtml(bytes));
}
