/**
 * Texts held outside the JavaScript heap: their UTF-8 bytes in a few large
 * ArrayBuffers, each text addressed by (chunk, byte offset, byte length).
 *
 * Why: a server at 100,000 stories holds millions of memory units. As JavaScript
 * strings (an id, a source and a target each) they are tens of millions of heap
 * objects, and every young-generation collection of the server slowed down with
 * them (measured: scavenges twice as long with 18 million strings held; the same
 * bytes in ArrayBuffers cost nothing), which lengthened the tail of every request,
 * whatever it read. Bytes in an ArrayBuffer are one object per chunk to the
 * collector. A text is decoded only when a match is returned.
 *
 * Pure (TextEncoder/TextDecoder): no Node-only APIs.
 */

const FIRST_CHUNK = 1 << 16; // 64 KiB: small memories (tests, new pairs) stay small
const MAX_CHUNK = 1 << 24; // 16 MiB: chunks double up to this size

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/** Where a text is: chunk index, byte offset, byte length. */
export type TextRef = Int32Array; // 3 entries per text, in a caller's array

export class TextArena {
  private chunks: Uint8Array[] = [];
  private pos = 0;
  private bytes = 0; // bytes of texts written (shared slices not counted)

  /**
   * Stores `text` and writes its reference at `refs[at..at + 2]`. Texts must be well-formed
   * UTF-16 (they come from the database, which stores UTF-8): a lone surrogate would not survive.
   */
  write(text: string, refs: Int32Array, at: number): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const chunk = this.room(3 * text.length);
    const { written } = encoder.encodeInto(text, chunk.subarray(this.pos));
    refs[at] = this.chunks.length - 1;
    refs[at + 1] = this.pos;
    refs[at + 2] = written;
    this.pos += written;
    this.bytes += written;
  }

  /**
   * References the part of an already stored text (`whole`, referenced at `wholeRefs[wholeAt..]`)
   * that is `part`, without copying its bytes, when `part` occurs in `whole`; stores `part`
   * otherwise. True when shared.
   */
  writeWithin(whole: string, wholeRefs: Int32Array, wholeAt: number, part: string, refs: Int32Array, at: number): boolean {
    const i = part.length < 13 ? -1 : whole.indexOf(part);
    if (i < 0) {
      this.write(part, refs, at);
      return false;
    }
    refs[at] = wholeRefs[wholeAt]!;
    refs[at + 1] = wholeRefs[wholeAt + 1]! + utf8Length(whole, 0, i);
    refs[at + 2] = utf8Length(whole, i, i + part.length);
    return true;
  }

  /** The text at `refs[at..at + 2]`. */
  read(refs: Int32Array, at: number): string {
    const chunk = this.chunks[refs[at]!]!;
    const start = refs[at + 1]!;
    return decoder.decode(chunk.subarray(start, start + refs[at + 2]!));
  }

  /** Whether the text at `refs[at..]` equals `text` (without decoding when the lengths differ). */
  equals(refs: Int32Array, at: number, text: string): boolean {
    const len = refs[at + 2]!;
    if (len < text.length || len > 3 * text.length) return false;
    return this.read(refs, at) === text;
  }

  /**
   * Orders two stored texts by their bytes, which is Unicode code point order (as `<` on
   * strings except between a supplementary character and U+E000–U+FFFF), without decoding.
   * Negative when the first comes first.
   */
  compare(a: Int32Array, atA: number, b: Int32Array, atB: number): number {
    const ca = this.chunks[a[atA]!]!;
    const cb = this.chunks[b[atB]!]!;
    const sa = a[atA + 1]!;
    const sb = b[atB + 1]!;
    const la = a[atA + 2]!;
    const lb = b[atB + 2]!;
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const d = ca[sa + i]! - cb[sb + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }

  /**
   * Copies the text at `from[fromAt..]` of `source` into this arena (bytes, no decoding)
   * and writes its new reference at `refs[at..]`.
   */
  copyFrom(source: TextArena, from: Int32Array, fromAt: number, refs: Int32Array, at: number): void {
    const len = from[fromAt + 2]!;
    const chunk = this.room(len);
    const start = from[fromAt + 1]!;
    chunk.set(source.chunks[from[fromAt]!]!.subarray(start, start + len), this.pos);
    refs[at] = this.chunks.length - 1;
    refs[at + 1] = this.pos;
    refs[at + 2] = len;
    this.pos += len;
    this.bytes += len;
  }

  /** The chunk to write up to `bytes` bytes into at `pos`: the last one, or a new one when it has no room. */
  private room(bytes: number): Uint8Array {
    const last = this.chunks.at(-1);
    if (last && this.pos + bytes <= last.length) return last;
    const chunk = new Uint8Array(Math.max(Math.min(MAX_CHUNK, last ? last.length * 2 : FIRST_CHUNK), bytes));
    this.chunks.push(chunk);
    this.pos = 0;
    return chunk;
  }

  /** Bytes reserved (chunks) and bytes written. */
  get reserved(): number {
    let b = 0;
    for (const c of this.chunks) b += c.byteLength;
    return b;
  }

  get written(): number {
    return this.bytes;
  }

  /** Gives back the unused end of the last chunk (after a bulk load). */
  trim(): void {
    const last = this.chunks.at(-1);
    if (last && this.pos < last.length) this.chunks[this.chunks.length - 1] = last.slice(0, this.pos);
  }
}

/** UTF-8 byte length of `s.slice(from, to)`, without building the slice. */
export function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
