/**
 * How the workbench's term fields map to TBX data categories and picklist
 * values (TBX-Basic: the Min and Basic modules), both ways, and the
 * `workbench:` note lines that carry what TBX-Basic has no category for.
 */
import type { TermStatus } from "@/lib/db/schema";
import type { PartOfSpeech, TermType, Usage } from "./model";

export const TBX_NS = "urn:iso:std:iso:30042:ed-2";

/** Data categories and picklist values the export writes: all within TBX-Basic (Basic.tbxmd, Min.tbxmd). */
export const EXPORT_USAGE: Record<Usage, string> = {
  preferred: "preferredTerm-admn-sts",
  admitted: "admittedTerm-admn-sts",
  forbidden: "deprecatedTerm-admn-sts",
};

/** TBX-Basic's partOfSpeech picklist has no proper noun: it is written as noun plus a workbench note. */
export const EXPORT_POS: Record<PartOfSpeech, string> = { properNoun: "noun", noun: "noun", phrase: "other", adjective: "adjective", verb: "verb" };

export const EXPORT_TYPE: Record<TermType, string> = { fullForm: "fullForm", abbreviation: "abbreviation", variant: "variant" };

/** administrativeStatus (and TBX 2008 normativeAuthorization) values read on import. */
const USAGE_IN: Record<string, Usage> = {
  preferredterm: "preferred",
  admittedterm: "admitted",
  deprecatedterm: "forbidden",
  supersededterm: "forbidden",
  standardizedterm: "preferred",
  legalterm: "preferred",
  regulatedterm: "preferred",
  preferred: "preferred",
  admitted: "admitted",
  deprecated: "forbidden",
  forbidden: "forbidden",
  superseded: "forbidden",
};

export function importUsage(value: string): Usage | undefined {
  return USAGE_IN[value.trim().replace(/-admn-sts$/i, "").toLowerCase()];
}

/** partOfSpeech values read on import ("other" is how the export writes phrase). */
const POS_IN: Record<string, PartOfSpeech> = {
  noun: "noun",
  verb: "verb",
  adjective: "adjective",
  propernoun: "properNoun",
  "proper noun": "properNoun",
  other: "phrase",
  phrase: "phrase",
};

export function importPartOfSpeech(value: string): PartOfSpeech | undefined {
  return POS_IN[value.trim().toLowerCase()];
}

/** termType values read on import (ISO 12620 / TBX 2008 picklist), with the part of speech some imply. */
const TYPE_IN: Record<string, { type: TermType; pos?: PartOfSpeech }> = {
  fullform: { type: "fullForm" },
  entryterm: { type: "fullForm" },
  synonym: { type: "fullForm" },
  commonname: { type: "fullForm" },
  internationalscientificterm: { type: "fullForm" },
  internationalism: { type: "fullForm" },
  appellation: { type: "fullForm", pos: "properNoun" },
  equation: { type: "fullForm" },
  formula: { type: "fullForm" },
  logicalexpression: { type: "fullForm" },
  partnumber: { type: "fullForm" },
  sku: { type: "fullForm" },
  stringoffigures: { type: "fullForm" },
  symbol: { type: "abbreviation" },
  abbreviation: { type: "abbreviation" },
  acronym: { type: "abbreviation" },
  initialism: { type: "abbreviation" },
  shortform: { type: "abbreviation" },
  clippedterm: { type: "abbreviation" },
  variant: { type: "variant" },
  orthographicalvariant: { type: "variant" },
  transcribedform: { type: "variant" },
  transliteratedform: { type: "variant" },
  romanizedform: { type: "variant" },
  phrase: { type: "fullForm", pos: "phrase" },
  phraseologicalunit: { type: "fullForm", pos: "phrase" },
  synonymousphrase: { type: "fullForm", pos: "phrase" },
  standardtext: { type: "fullForm", pos: "phrase" },
};

export function importTermType(value: string): { type: TermType; pos?: PartOfSpeech } | undefined {
  return TYPE_IN[value.trim().toLowerCase()];
}

/** The prefix of the notes that carry workbench-only fields. */
export const WORKBENCH_NOTE = "workbench:";

/** Workbench-only term fields, each written as one `<note>workbench:key=value</note>`. */
export interface WorkbenchFields {
  status?: TermStatus;
  caseSensitive?: boolean;
  doNotTranslate?: boolean;
  commonWord?: boolean;
  plainVowels?: boolean;
  pos?: PartOfSpeech;
  reviewComment?: string;
  /** An editor's note that itself starts with "workbench:". */
  note?: string;
}

export const WORKBENCH_KEYS = ["status", "caseSensitive", "doNotTranslate", "commonWord", "plainVowels", "pos", "reviewComment", "note"] as const;
