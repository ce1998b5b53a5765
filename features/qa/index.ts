/**
 * The quality-check engine: pure functions in a registry, safe to import in
 * the browser (no server-only imports). See registry.ts for the checks.
 */
export { CHECK_IDS, type CheckId, type QaDocumentIssue, type QaGlossaryLookup, type QaInput, type QaIssue, type QaSegment, type Severity } from "./types";
export { CHECKS, blocking, getCheck, runChecks, runDocumentChecks, type RunOptions } from "./registry";
export { issueMessage, type Translate } from "./messages";
