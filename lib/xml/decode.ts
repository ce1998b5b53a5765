/**
 * Turns the bytes of an XML document into text: the byte order mark or the XML
 * declaration names the encoding (UTF-8 when neither does), and bytes that are
 * invalid in it are an error naming their offset and line, never U+FFFD.
 * Works on a whole buffer or chunk by chunk (for large TMX files).
 */
import { XmlError } from "./errors";

/** WHATWG single-byte encodings (canonical names as TextDecoder reports them). */
const SINGLE_BYTE = new Set([
  "ibm866",
  "iso-8859-2",
  "iso-8859-3",
  "iso-8859-4",
  "iso-8859-5",
  "iso-8859-6",
  "iso-8859-7",
  "iso-8859-8",
  "iso-8859-8-i",
  "iso-8859-10",
  "iso-8859-13",
  "iso-8859-14",
  "iso-8859-15",
  "iso-8859-16",
  "koi8-r",
  "koi8-u",
  "macintosh",
  "windows-874",
  "windows-1250",
  "windows-1251",
  "windows-1252",
  "windows-1253",
  "windows-1254",
  "windows-1255",
  "windows-1256",
  "windows-1257",
  "windows-1258",
  "x-mac-cyrillic",
]);

type Kind = "utf-8" | "utf-16le" | "utf-16be" | "single";

/** How many bytes are looked at for a byte order mark and the XML declaration. */
const SNIFF_BYTES = 1024;

function hex(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The encoding named by an XML declaration in an ASCII-compatible head, if any. */
function declaredEncoding(head: Uint8Array): string | undefined {
  const ascii = String.fromCharCode(...head.subarray(0, Math.min(head.length, 300)));
  if (!ascii.startsWith("<?xml")) return undefined;
  const end = ascii.indexOf("?>");
  const decl = end === -1 ? ascii : ascii.slice(0, end);
  return /\sencoding\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new XmlError("encoding", `The XML declaration names the encoding "${label}", which is not supported.`);
  }
}

export interface DecoderOptions {
  /** Refuse input larger than this many bytes. */
  readonly maxBytes: number;
}

/** Decodes XML bytes pushed in chunks; `push` and `end` return the text decoded so far. */
export class XmlByteDecoder {
  private kind: Kind | undefined;
  private label = "UTF-8";
  private decoder: TextDecoder | undefined;
  private pending: Uint8Array = new Uint8Array(0);
  /** Bytes received. */
  private received = 0;
  /** Bytes turned into text (offset of `pending` in the input). */
  private decodedBytes = 0;
  /** Newlines in the text decoded so far. */
  private newlines = 0;

  constructor(private readonly options: DecoderOptions) {}

  /** The canonical name of the encoding, once known. */
  get encoding(): string | undefined {
    return this.kind ? this.decoder!.encoding : undefined;
  }

  get bytesRead(): number {
    return this.received;
  }

  push(chunk: Uint8Array): string {
    this.received += chunk.length;
    if (this.received > this.options.maxBytes) {
      throw new XmlError("too_large", `The file is larger than the limit of ${this.options.maxBytes} bytes.`, { offset: this.options.maxBytes });
    }
    this.pending = concat(this.pending, chunk);
    if (!this.kind) {
      if (this.pending.length < SNIFF_BYTES) return "";
      this.detect();
    }
    return this.drain(false);
  }

  end(): string {
    if (!this.kind) this.detect();
    return this.drain(true);
  }

  private detect(): void {
    const b = this.pending;
    let kind: Kind | undefined;
    let bom = 0;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) [kind, bom] = ["utf-8", 3];
    else if ((b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) || (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00)) {
      throw new XmlError("encoding", "The file is UTF-32, which is not supported; save it as UTF-8.", { offset: 0 });
    } else if (b[0] === 0xff && b[1] === 0xfe) [kind, bom] = ["utf-16le", 2];
    else if (b[0] === 0xfe && b[1] === 0xff) [kind, bom] = ["utf-16be", 2];
    else if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) kind = "utf-16le";
    else if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) kind = "utf-16be";

    if (kind === "utf-16le" || kind === "utf-16be") {
      // The declaration, if any, is in UTF-16 too: read it as such.
      const head = new TextDecoder(kind).decode(b.subarray(bom, Math.min(b.length, bom + 600)));
      const declared = /^<\?xml[^?]*\sencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
      if (declared && !/^(utf-16|utf-16le|utf-16be|ucs-2|iso-10646-ucs-2|unicode)$/i.test(declared)) {
        throw new XmlError("encoding", `The file is UTF-16 but its XML declaration says "${declared}".`, { line: 1 });
      }
      this.start(kind, kind === "utf-16le" ? "UTF-16LE" : "UTF-16BE", bom);
      return;
    }

    const declared = declaredEncoding(b.subarray(bom));
    if (declared === undefined) {
      this.start("utf-8", "UTF-8", bom);
      return;
    }
    const decoder = decoderFor(declared);
    const canonical = decoder.encoding;
    if (canonical === "utf-16le" || canonical === "utf-16be") {
      throw new XmlError("encoding", `The XML declaration says "${declared}" but the file has no UTF-16 byte order mark and is not UTF-16.`, { line: 1 });
    }
    if (bom && canonical !== "utf-8") {
      throw new XmlError("encoding", `The file starts with a UTF-8 byte order mark but its XML declaration says "${declared}".`, { line: 1 });
    }
    if (canonical !== "utf-8" && !SINGLE_BYTE.has(canonical)) {
      throw new XmlError("encoding", `The encoding "${declared}" is not supported; save the file as UTF-8.`, { line: 1 });
    }
    this.start(canonical === "utf-8" ? "utf-8" : "single", declared, bom);
  }

  private start(kind: Kind, label: string, bom: number): void {
    this.kind = kind;
    this.label = label;
    this.decoder = new TextDecoder(kind === "single" ? this.label : kind, { fatal: true });
    this.pending = this.pending.subarray(bom);
    this.decodedBytes = bom;
  }

  /** Length of the prefix of `bytes` that ends on a character boundary. */
  private boundary(bytes: Uint8Array): number {
    const n = bytes.length;
    if (this.kind === "single") return n;
    if (this.kind === "utf-8") {
      // Walk back over continuation bytes to the last lead byte.
      for (let back = 1; back <= Math.min(4, n); back++) {
        const b = bytes[n - back]!;
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return need > back ? n - back : n;
      }
      return n;
    }
    let end = n - (n % 2);
    if (end >= 2) {
      const unit = this.kind === "utf-16le" ? bytes[end - 2]! | (bytes[end - 1]! << 8) : (bytes[end - 2]! << 8) | bytes[end - 1]!;
      if (unit >= 0xd800 && unit <= 0xdbff) end -= 2;
    }
    return end;
  }

  private drain(final: boolean): string {
    const cut = final ? this.pending.length : this.boundary(this.pending);
    const piece = this.pending.subarray(0, cut);
    let text: string;
    try {
      text = this.decoder!.decode(piece);
    } catch {
      throw this.invalid(piece);
    }
    this.decodedBytes += cut;
    this.pending = this.pending.slice(cut);
    this.newlines += countLines(text);
    return text;
  }

  /** The error for a piece that does not decode: finds the first bad byte by bisection. */
  private invalid(piece: Uint8Array): XmlError {
    let good = 0;
    let bad = piece.length;
    const probe = (n: number) => {
      try {
        new TextDecoder(this.kind === "single" ? this.label : this.kind!, { fatal: true }).decode(piece.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    while (bad - good > 1) {
      const mid = (good + bad) >>> 1;
      if (probe(mid)) good = mid;
      else bad = mid;
    }
    // `good` bytes decode, possibly with a multi-byte sequence left open: the error starts at that sequence.
    const truncated = probe(piece.length);
    if (truncated) good = piece.length;
    let start = good;
    if (this.kind === "utf-8") {
      for (let i = good - 1; i >= Math.max(0, good - 3); i--) {
        const b = piece[i]!;
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (i + need > good) start = i;
        break;
      }
    } else if (this.kind !== "single" && good % 2 === 1) start = good - 1;
    const validText = new TextDecoder(this.kind === "single" ? this.label : this.kind!).decode(piece.subarray(0, start));
    const offset = this.decodedBytes + start;
    const line = this.newlines + countLines(validText) + 1;
    const message = truncated
      ? `The file is not valid ${this.label}: it ends in the middle of a character (byte offset ${offset}, line ${line}).`
      : `The file is not valid ${this.label}: the byte ${hex(piece[start] ?? 0)} at byte offset ${offset} (line ${line}) does not start a valid character in that encoding. Check the encoding the XML declaration names.`;
    return new XmlError("encoding", message, { offset, line });
  }
}

/** Decodes a whole XML document. */
export function decodeXml(bytes: Uint8Array, options: DecoderOptions): { text: string; encoding: string } {
  const d = new XmlByteDecoder(options);
  const text = d.push(bytes) + d.end();
  return { text, encoding: d.encoding ?? "utf-8" };
}
