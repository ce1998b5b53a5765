/**
 * Reading a story's source (txt, md, html, docx) into blocks and segments:
 * pure functions, and the job that runs them in a worker thread (lib/worker)
 * for the upload endpoints, so a large .docx never parses on the request thread.
 */
import { ApiError } from "@/lib/api/errors";
import { type Block, DocumentInputError, type ImportFormat, LIMITS } from "./blocks";
import { parseText } from "./parse-text";
import { parseMarkdown } from "./parse-markdown";
import { parseHtml } from "./parse-html";
import { parseDocx } from "./docx";
import { type DraftSegment, segmentBlocks } from "./segmentation";

/** Text from bytes: UTF-8 (with or without a BOM) or UTF-16 with its BOM; anything else is refused. */
export function decodeText(bytes: Uint8Array): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DocumentInputError("invalid", "The file is not UTF-8 text: save it as UTF-8 and upload it again.");
  }
}

/** Blocks of a source in one of the import formats. */
export async function parseSource(format: ImportFormat, input: Uint8Array | string): Promise<Block[]> {
  if (format === "docx") {
    if (typeof input === "string") throw new DocumentInputError("invalid", "A .docx document is uploaded as the raw request body.");
    return parseDocx(input);
  }
  const text = typeof input === "string" ? input : decodeText(input);
  if (new TextEncoder().encode(text).byteLength > LIMITS.maxTextBytes) throw new DocumentInputError("too_large", `The text is larger than ${LIMITS.maxTextBytes / 1024 / 1024} MB.`);
  if (format === "md") return parseMarkdown(text);
  if (format === "html") return parseHtml(text);
  return parseText(text);
}

/** The answer to a source with more segments than a story may have (413). */
export function tooManySegments(count: number): ApiError {
  return new ApiError("payload_too_large", `The source has ${count} segments; at most ${LIMITS.maxSegments} are accepted.`);
}

/**
 * A source's blocks and their segments, in a worker thread; bad input throws an ApiError (400, or 413 when too large).
 * The segment cap is checked here, so an oversized result is never copied back to the request thread.
 */
export async function parseSourceJob(input: { format: ImportFormat; input: Uint8Array | string; sentences: boolean; lang: string }): Promise<{ blocks: Block[]; segments: DraftSegment[] }> {
  try {
    const blocks = await parseSource(input.format, input.input);
    if (blocks.length > LIMITS.maxSegments) throw tooManySegments(blocks.length);
    const segments = segmentBlocks(blocks, { sentences: input.sentences, lang: input.lang });
    if (segments.length > LIMITS.maxSegments) throw tooManySegments(segments.length);
    return { blocks, segments };
  } catch (e) {
    if (e instanceof DocumentInputError) throw new ApiError(e.reason === "too_large" ? "payload_too_large" : "validation_failed", e.message);
    throw e;
  }
}
