/** XLIFF exchange (pure): reader, writer, import plan. The server side is in ./server. */
export * from "./model";
export { readXliff, type ReadXliffOptions } from "./read";
export { writeXliff, writeXliff12, writeXliff2 } from "./write";
export { ACTIONS, NOTES, REASONS, planImport, summarize, type PlanAction, type PlanNote, type PlanOptions, type PlanReason, type PlanRow, type PlanSegment } from "./plan";
