/**
 * The project's one way to read XML (TBX, TMX, XLIFF): a streaming parser on
 * saxes that fetches nothing and expands no entity. It refuses, with a message
 * naming the line: a DOCTYPE whose internal subset declares entities or uses
 * parameter entities (external entities, entity bombs), references to
 * undefined entities, nesting deeper than a limit, input larger than the
 * caller's byte limit, bytes invalid in the declared encoding, and any
 * well-formedness error. An external DTD named by a DOCTYPE is never read.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
import { XmlByteDecoder } from "./decode";
import { XmlError } from "./errors";

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
export const DEFAULT_MAX_DEPTH = 64;

export interface XmlLimits {
  /** Refuse input larger than this many bytes. */
  readonly maxBytes: number;
  /** Refuse elements nested deeper than this (default 64). */
  readonly maxDepth?: number;
}

export interface XmlParseOptions extends XmlLimits {
  /** Called after each chunk with the number of bytes read so far. */
  readonly onProgress?: (bytesRead: number) => void;
}

/** An element's start tag, as the handlers see it. */
export interface XmlStartTag {
  /** Qualified name as written, e.g. `min:partOfSpeech`. */
  readonly name: string;
  /** Local name, e.g. `partOfSpeech`. */
  readonly local: string;
  /** Namespace URI ("" for none). */
  readonly uri: string;
  /** Attribute values by qualified name (`xml:lang`, `type`). */
  readonly attributes: Readonly<Record<string, string>>;
  /** 1-based line and column of the start tag. */
  readonly line: number;
  readonly column: number;
  /** Nesting depth: the root element is 1. */
  readonly depth: number;
}

export interface XmlHandlers {
  openElement?(tag: XmlStartTag): void;
  /** Character data (entities and CDATA sections resolved) inside the root element. */
  text?(text: string): void;
  closeElement?(tag: XmlStartTag): void;
}

const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** Feeds bytes (or already decoded text) to saxes and forwards the events; throws XmlError. */
export class XmlStreamParser {
  private readonly saxes = new SaxesParser({ xmlns: true, position: true });
  private readonly decoder: XmlByteDecoder;
  private readonly maxDepth: number;
  private readonly stack: XmlStartTag[] = [];
  private startLine = 1;
  private startColumn = 1;
  private closed = false;
  private textBytes = 0;

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly options: XmlParseOptions,
  ) {
    this.decoder = new XmlByteDecoder({ maxBytes: options.maxBytes });
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    const p = this.saxes;
    p.on("error", (err) => {
      throw this.malformed(err);
    });
    p.on("doctype", (doctype) => this.checkDoctype(doctype));
    p.on("opentagstart", () => {
      this.startLine = p.line;
      this.startColumn = p.column;
    });
    p.on("opentag", (tag) => this.open(tag));
    p.on("closetag", () => {
      const tag = this.stack.pop();
      if (tag) handlers.closeElement?.(tag);
    });
    p.on("text", (text) => {
      if (this.stack.length > 0) handlers.text?.(text);
    });
    p.on("cdata", (text) => {
      if (this.stack.length > 0) handlers.text?.(text);
    });
    // Entity references: only the five predefined ones and character references exist here.
    const self = p as unknown as { parseEntity(entity: string): string };
    const parseEntity = self.parseEntity.bind(p);
    self.parseEntity = (entity: string) => {
      if (entity[0] !== "#" && !PREDEFINED.has(entity)) {
        throw new XmlError(
          "undefined_entity",
          `Line ${p.line}, column ${p.column + 1}: the entity &${entity}; is not defined (only &amp; &lt; &gt; &quot; &apos; and character references are read; entities from a DTD are never expanded).`,
          { line: p.line, column: p.column + 1 },
        );
      }
      return parseEntity(entity);
    };
  }

  get bytesRead(): number {
    return this.decoder.bytesRead;
  }

  /** Writes the next chunk of the document. */
  write(chunk: Uint8Array | string): void {
    if (typeof chunk === "string") {
      this.textBytes += Buffer.byteLength(chunk, "utf8");
      if (this.textBytes > this.options.maxBytes) throw new XmlError("too_large", `The file is larger than the limit of ${this.options.maxBytes} bytes.`);
      this.feed(this.textBytes === Buffer.byteLength(chunk, "utf8") ? chunk.replace(/^\uFEFF/, "") : chunk);
      return;
    }
    const text = this.decoder.push(chunk);
    if (text) this.feed(text);
    this.options.onProgress?.(this.decoder.bytesRead);
  }

  /** Ends the document: checks that it is complete. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const rest = this.decoder.end();
    if (rest) this.feed(rest);
    this.wrap(() => this.saxes.close());
  }

  private feed(text: string): void {
    this.wrap(() => this.saxes.write(text));
  }

  private wrap(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      if (error instanceof XmlError) throw error;
      throw this.malformed(error as Error);
    }
  }

  private malformed(err: Error): XmlError {
    if (err instanceof XmlError) return err;
    const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(err.message);
    const line = m ? Number(m[1]) : this.saxes.line;
    const column = m ? Number(m[2]) + 1 : this.saxes.column + 1;
    const what = (m ? m[3]! : err.message).replace(/\.$/, "");
    return new XmlError("malformed", `Line ${line}, column ${column}: the XML is not well-formed: ${what}.`, { line, column });
  }

  private checkDoctype(doctype: string): void {
    const subsetStart = doctype.indexOf("[");
    const subset = subsetStart === -1 ? "" : doctype.slice(subsetStart);
    const line = this.saxes.line;
    if (/<!ENTITY/i.test(subset)) {
      throw new XmlError(
        "entity_declaration",
        `Line ${line}: the DOCTYPE declares entities (<!ENTITY …>). Files with entity declarations are refused: external entities are never fetched and entities are never expanded.`,
        { line },
      );
    }
    if (/%[A-Za-z_:][\w.:-]*;/.test(subset)) {
      throw new XmlError("entity_declaration", `Line ${line}: the DOCTYPE uses parameter entities (%name;), which are refused.`, { line });
    }
  }

  private open(tag: SaxesTagNS): void {
    const depth = this.stack.length + 1;
    if (depth > this.maxDepth) {
      throw new XmlError("too_deep", `Line ${this.startLine}: elements are nested more than ${this.maxDepth} deep.`, { line: this.startLine });
    }
    const attributes: Record<string, string> = {};
    for (const [name, a] of Object.entries(tag.attributes)) attributes[name] = a.value;
    const start: XmlStartTag = { name: tag.name, local: tag.local, uri: tag.uri, attributes, line: this.startLine, column: this.startColumn + 1, depth };
    this.stack.push(start);
    this.handlers.openElement?.(start);
  }
}

export type XmlSource = Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Parses a whole document from bytes, text, or a (async) stream of byte chunks, calling the handlers as it goes. */
export async function parseXml(source: XmlSource, handlers: XmlHandlers, options: XmlParseOptions): Promise<void> {
  const parser = new XmlStreamParser(handlers, options);
  if (typeof source === "string" || source instanceof Uint8Array) parser.write(source);
  else if (Symbol.asyncIterator in source) for await (const chunk of source) parser.write(chunk);
  else for (const chunk of source) parser.write(chunk);
  parser.close();
}

/** The same, synchronously, for a document already in memory. */
export function parseXmlSync(source: Uint8Array | string, handlers: XmlHandlers, options: XmlParseOptions): void {
  const parser = new XmlStreamParser(handlers, options);
  parser.write(source);
  parser.close();
}
