/**
 * XLIFF exchange: namespaces, the mapping between workbench statuses and XLIFF
 * states, and the types shared by the reader, the writer and the import plan.
 * Pure, no I/O.
 *
 * ## Status ↔ state (export)
 *
 * | workbench            | XLIFF 2.1 (`<segment state>`)     | XLIFF 1.2 (`<target state>`)                     |
 * |----------------------|-----------------------------------|--------------------------------------------------|
 * | untranslated (or no translation, or an empty draft) | `initial`, no `<target>` | `new`, empty `<target/>`          |
 * | draft                | `initial` with a `<target>`       | `needs-translation`                              |
 * | translated           | `translated`                      | `translated`                                     |
 * | approved             | `final`                           | `signed-off`, and `approved="yes"` on the unit   |
 *
 * Why: 2.x has four states; `initial` is "not yet translated", which is what an
 * unconfirmed draft is (its text travels in the target, as a CAT tool's pre-filled
 * target would). `reviewed` is not exported (the workbench has no "reviewed but not
 * approved" step) and `final` is the terminating state a reviewer's approval is.
 * In 1.2 a draft is text that still "needs translation"; `signed-off` is 1.2's
 * "changes reviewed and approved", and 1.2's own `approved="yes"` says the same to
 * tools that read only that attribute. The export mapping is one-to-one on what it
 * writes, so a file re-imported untouched changes nothing.
 *
 * An outdated translation (made against an earlier English source) keeps its state
 * and is flagged with `nw:outdated="yes"` on the unit and a `<note>` a translator
 * sees in any CAT tool.
 *
 * ## State → status (import)
 *
 * Each unit's state is reduced to a level: `draft`, `translated` or `final`
 * (`final` becomes *approved* only for an importer who holds
 * translation.approve in the language, otherwise *translated*):
 *
 * - 2.x: `initial` (also the default when `state` is absent) → draft;
 *   `translated`, `reviewed` → translated; `final` → final. A unit of several
 *   segments takes its lowest segment.
 * - 1.2 `state`: `new`, `needs-translation`, `needs-l10n`, `needs-adaptation` → draft;
 *   `needs-review-*`, `translated` → translated; `signed-off`, `final` → final.
 * - Without a 1.2 state: Trados' `sdl:seg/@conf` (Draft, RejectedTranslation,
 *   RejectedSignOff, none → draft; Translated, ApprovedTranslation → translated;
 *   ApprovedSignOff → final), memoQ's `mq:status` (ManuallyConfirmed → translated,
 *   Reviewer1Confirmed → translated, Reviewer2Confirmed → final, anything else →
 *   draft), then `approved="yes"` → final, and otherwise a non-empty target counts as
 *   translated (XLIFF 1.0/1.1 files and resource tools write no state at all).
 */
import type { SegmentKind, TranslationStatus } from "@/lib/db/schema";
import { languageOfTag } from "@/lib/i18n/languages";

/** The workbench's own namespace, for attributes the import reads back (schema: tests/fixtures/xliff/schemas/newsroom-workbench-xliff.xsd). */
export const NW_NS = "urn:newsroom-workbench:xliff";
export const XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0";
export const XLIFF22_NS = "urn:oasis:names:tc:xliff:document:2.2";
export const XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2";
export const XLIFF11_NS = "urn:oasis:names:tc:xliff:document:1.1";
export const SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0";
export const MEMOQ_NS = "MQXliff";

/** The XLIFF versions the workbench writes. */
export const EXPORT_VERSIONS = ["2.1", "1.2"] as const;
export type ExportVersion = (typeof EXPORT_VERSIONS)[number];

/** Largest XLIFF file imported (a 2,000-segment story with notes is about 1 MB). */
export const MAX_XLIFF_BYTES = 10 * 1024 * 1024;
/** Most units read from one file. */
export const MAX_XLIFF_UNITS = 50_000;

/** What an imported state means, before the importer's permissions decide between translated and approved. */
export type StateLevel = "draft" | "translated" | "final";

export const STATE_2: Record<TranslationStatus, "initial" | "translated" | "final"> = {
  untranslated: "initial",
  draft: "initial",
  translated: "translated",
  approved: "final",
};

export const STATE_12: Record<TranslationStatus, "new" | "needs-translation" | "translated" | "signed-off"> = {
  untranslated: "new",
  draft: "needs-translation",
  translated: "translated",
  approved: "signed-off",
};

const LEVEL_2: Record<string, StateLevel> = { initial: "draft", translated: "translated", reviewed: "translated", final: "final" };
const LEVEL_12: Record<string, StateLevel> = {
  new: "draft",
  "needs-translation": "draft",
  "needs-l10n": "draft",
  "needs-adaptation": "draft",
  "needs-review-translation": "translated",
  "needs-review-l10n": "translated",
  "needs-review-adaptation": "translated",
  translated: "translated",
  "signed-off": "final",
  final: "final",
};
const LEVEL_SDL: Record<string, StateLevel> = {
  Draft: "draft",
  RejectedTranslation: "draft",
  RejectedSignOff: "draft",
  Translated: "translated",
  ApprovedTranslation: "translated",
  ApprovedSignOff: "final",
};
const LEVEL_MEMOQ: Record<string, StateLevel> = { ManuallyConfirmed: "translated", Reviewer1Confirmed: "translated", Reviewer2Confirmed: "final" };

export const STATES_2 = Object.keys(LEVEL_2);
export const STATES_12 = Object.keys(LEVEL_12);

export const level2 = (state: string): StateLevel | undefined => LEVEL_2[state];
export const level12 = (state: string): StateLevel | undefined => LEVEL_12[state];
export const levelSdl = (conf: string | undefined): StateLevel => (conf ? (LEVEL_SDL[conf] ?? "draft") : "draft");
export const levelMemoq = (status: string): StateLevel => LEVEL_MEMOQ[status] ?? "draft";

const RANK: Record<StateLevel, number> = { draft: 0, translated: 1, final: 2 };
export const lowestLevel = (levels: readonly StateLevel[]): StateLevel | undefined =>
  levels.length === 0 ? undefined : levels.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));

export const STATUS_RANK: Record<TranslationStatus, number> = { untranslated: 0, draft: 1, translated: 2, approved: 3 };

/** A workbench language for an XLIFF language tag (en-US → en, ckb-IQ → ckb, ku → kmr, ku-Arab → ckb), or null. */
export function workbenchLanguage(tag: string | undefined, known: readonly string[]): string | null {
  const code = languageOfTag(tag)?.code;
  return code && known.includes(code) ? code : null;
}

/** BCP 47 well-formedness (a primary subtag of 2–8 letters, or a private-use or grandfathered "x-"/"i-" tag). */
export const isLanguageTag = (s: string) => /^([A-Za-z]{2,8}|[xXiI](?=-))(-[A-Za-z0-9]{1,8})*$/.test(s);

/** xs:NMTOKEN, as far as ids in XLIFF 2 need it. */
export const isNmtoken = (s: string) => /^[\p{L}\p{M}\p{N}._:\-·]+$/u.test(s);

// ---------------------------------------------------------------- export model

export interface ExportComment {
  readonly id: string;
  readonly threadId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
  readonly resolved: boolean;
}

export interface ExportUnit {
  /** The segment key: the unit id, stable across exports. */
  readonly key: string;
  readonly kind: SegmentKind;
  readonly source: string;
  readonly sourceHash: string;
  readonly translation?: { readonly text: string; readonly status: TranslationStatus; readonly version: number; readonly outdated: boolean };
  readonly comments: readonly ExportComment[];
}

export interface ExportDocument {
  readonly slug: string;
  readonly title: string;
  /** BCP 47 tags. */
  readonly sourceLang: string;
  readonly targetLang: string;
  /** The workbench language code of the target. */
  readonly lang: string;
  readonly exportedAt: string;
  readonly units: readonly ExportUnit[];
}

// ---------------------------------------------------------------- reader model

export interface XliffProblem {
  readonly line?: number;
  readonly severity: "error" | "warning";
  readonly message: string;
  /** The unit it concerns, if any. */
  readonly unit?: string;
}

export interface XliffFileInfo {
  readonly line: number;
  readonly id?: string;
  readonly original?: string;
  readonly sourceLang?: string;
  readonly targetLang?: string;
  /** The workbench document and language, when the workbench wrote the file. */
  readonly document?: string;
  readonly lang?: string;
}

export interface XliffUnit {
  readonly id: string;
  readonly line: number;
  /** Index into `files`. */
  readonly file: number;
  /** The source as text (inline codes reduced, see reader.ts). */
  readonly source: string;
  /** The target as text; undefined when the unit has no target at all. */
  readonly target?: string;
  /** The target's language: its xml:lang, else the file's. */
  readonly targetLang?: string;
  /** What the unit's state means (undefined without a target). */
  readonly level?: StateLevel;
  /** The state as the file writes it, for the report (e.g. "needs-review-translation", "sdl:Draft"). */
  readonly state?: string;
  readonly translate: boolean;
  /** Some segments of the unit have a target and others not. */
  readonly partial?: { readonly done: number; readonly total: number };
  /** Inline codes left out of the target text. */
  readonly droppedCodes: number;
  /** What the workbench wrote into the unit at export. */
  readonly workbench?: { readonly version?: number; readonly sourceHash?: string; readonly outdated?: boolean };
  /** Why the unit cannot be taken (a violation of the XLIFF rules), if it cannot. */
  readonly invalid?: string;
  /** Line of an earlier unit with the same id in the same <file>. */
  readonly duplicateOf?: number;
}

export interface ParsedXliff {
  /** The version the file declares ("1.2", "2.1", …). */
  readonly version: string;
  /** "1" for XLIFF 1.0–1.2 (sdlxliff included), "2" for 2.0–2.2. */
  readonly major: "1" | "2";
  /** The tool that wrote the file, when it says. */
  readonly producer?: string;
  readonly encoding: string;
  readonly files: readonly XliffFileInfo[];
  readonly units: readonly XliffUnit[];
  readonly problems: readonly XliffProblem[];
}

export type XliffErrorCode = "too_large" | "xml" | "not_xliff" | "namespace" | "version" | "structure";

/** A file that cannot be read at all: not XML, not safe, not XLIFF, or not a structure the reader can follow. */
export class XliffError extends Error {
  constructor(
    readonly code: XliffErrorCode,
    message: string,
    readonly line?: number,
    /** The XML layer's code, for XML-level failures (entity_declaration, too_deep, encoding…). */
    readonly xmlCode?: string,
  ) {
    super(message);
    this.name = "XliffError";
  }
}
