/** Alignment of existing translations (issue 7): pure aligner, anchors, evaluation helpers. */
export { alignDocument, joinSentences, lengthCost, logErfc, splitForAlignment } from "./align";
export type { AlignOptions, Alignment, Link, LinkType, SegmentAlignment, SourceSentence, TargetSentence } from "./align";
export { countAnchors, numberKeys, skeleton, sourceFeatures, targetFeatures } from "./anchors";
export { alignSequences, MOVES } from "./dp";
export { DEFAULT_PARAMS, LENGTH_MODELS, lengthModel } from "./params";
export type { AlignParams, AnchorWeights, LengthModel, LevelParams } from "./params";
export { alignLength, normalizePasted, splitParagraphs } from "./text";
