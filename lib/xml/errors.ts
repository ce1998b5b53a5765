/** The one error every XML reading failure becomes: a code, a message a person can act on, and where. */

export type XmlErrorCode =
  /** More bytes than the caller allows. */
  | "too_large"
  /** Unknown or unsupported encoding, conflicting declarations, or bytes invalid in the encoding. */
  | "encoding"
  /** Not well-formed XML. */
  | "malformed"
  /** A DOCTYPE internal subset that declares entities or uses parameter entities. */
  | "entity_declaration"
  /** A reference to an entity that is not one of XML's five predefined entities. */
  | "undefined_entity"
  /** Elements nested deeper than the limit. */
  | "too_deep";

export interface XmlPosition {
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column (Unicode characters). */
  readonly column?: number;
  /** 0-based byte offset in the input, for encoding errors. */
  readonly offset?: number;
}

export class XmlError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
    readonly position: XmlPosition = {},
  ) {
    super(message);
    this.name = "XmlError";
  }

  get line(): number | undefined {
    return this.position.line;
  }
}
