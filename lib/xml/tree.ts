/** A small element tree with line numbers, for documents read whole (TBX). */
import { parseXmlSync, type XmlParseOptions } from "./parser";
import { XmlError } from "./errors";

export interface XmlElement {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  readonly line: number;
  readonly column: number;
}

export type XmlNode = XmlElement | string;

/** Parses a whole document into its root element; throws XmlError (too_large past `maxElements` elements). */
export function parseXmlTree(source: Uint8Array | string, options: XmlParseOptions & { readonly maxElements?: number }): XmlElement {
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  let count = 0;
  const { maxElements = Infinity, ...parseOptions } = options;
  parseXmlSync(
    source,
    {
      openElement(tag) {
        if (++count > maxElements) {
          throw new XmlError("too_large", `Line ${tag.line}: the file has more than ${maxElements} elements, more than one import takes.`, { line: tag.line });
        }
        const el: XmlElement = { name: tag.name, local: tag.local, uri: tag.uri, attributes: tag.attributes, children: [], line: tag.line, column: tag.column };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(el);
        else root = el;
        stack.push(el);
      },
      text(text) {
        const parent = stack[stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (typeof last === "string") parent.children[parent.children.length - 1] = last + text;
        else parent.children.push(text);
      },
      closeElement() {
        stack.pop();
      },
    },
    parseOptions,
  );
  return root!;
}

/** Child elements, optionally only those with a local name. */
export function childElements(el: XmlElement, local?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (local === undefined || c.local === local));
}

/** The concatenated text of an element and its descendants. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : textContent(c))).join("");
}
