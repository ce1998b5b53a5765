/** Safe XML reading (no external entities, no entity expansion, limits) and escaping for writing. */
export { XmlError, type XmlErrorCode, type XmlPosition } from "./errors";
export { XmlByteDecoder, decodeXml } from "./decode";
export { DEFAULT_MAX_DEPTH, XML_NAMESPACE, XmlStreamParser, parseXml, parseXmlSync, type XmlHandlers, type XmlLimits, type XmlParseOptions, type XmlSource, type XmlStartTag } from "./parser";
export { childElements, parseXmlTree, textContent, type XmlElement, type XmlNode } from "./tree";
export { escapeXmlAttribute, escapeXmlText, xmlElement } from "./write";
