/** A small element tree with line numbers, for documents read whole (TBX). */
import { parseXmlSync, type XmlParseOptions } from "./parser";

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

/** Parses a whole document into its root element; throws XmlError. */
export function parseXmlTree(source: Uint8Array | string, options: XmlParseOptions): XmlElement {
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  parseXmlSync(
    source,
    {
      openElement(tag) {
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
    options,
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
