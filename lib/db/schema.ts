/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings made in the app,
 * so SQLite and PostgreSQL store and compare them the same way.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

export const DOCUMENT_STATUSES = ["draft", "published", "archived"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const SEGMENT_KINDS = ["title", "dateline", "paragraph", "heading", "note"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export const TRANSLATION_STATUSES = ["untranslated", "draft", "translated", "approved"] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export interface DocumentsTable {
  id: string;
  slug: string;
  title: string;
  source_lang: string;
  status: DocumentStatus;
  /** When the newsroom first published the story (may predate the row). */
  published_at: string | null;
  /** When the source text last changed (source updates, issue 7). */
  source_updated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SegmentsTable {
  id: string;
  document_id: string;
  /** Stable anchor inside the document (URL fragment, XLIFF unit id). */
  key: string;
  position: number;
  kind: SegmentKind;
  source_text: string;
  /** SHA-256 (hex) of the source text; a translation made against another hash is outdated. */
  source_hash: string;
  /** Set when a source update removed the segment; the row stays for history. */
  removed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TranslationsTable {
  id: string;
  segment_id: string;
  lang: string;
  text: string;
  status: TranslationStatus;
  /** Optimistic-concurrency version; every change increments it. */
  version: number;
  /** Source hash the translation was made against. */
  source_hash: string;
  updated_by: string | null;
  updated_at: string;
  created_at: string;
}

export interface TranslationRevisionsTable {
  id: string;
  translation_id: string;
  segment_id: string;
  lang: string;
  version: number;
  text: string;
  status: TranslationStatus;
  author_id: string | null;
  /** Where the change came from: seed, editor, import, restore, … */
  origin: string;
  /** Free text attached to the change (review comment, QA override reason). */
  note: string | null;
  created_at: string;
  /** Where the text came from: "typed", "memory" or "mt" (null for rows older than this field, and for non-editor changes). */
  text_origin: string | null;
  /** The MT provider, or the memory match's score. */
  text_origin_detail: string | null;
}


/** better-auth's user table (with the username and admin plugins). */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean | number;
  image: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  username: string | null;
  displayUsername: string | null;
  role: string | null;
  banned: boolean | number | null;
  banReason: string | null;
  banExpires: Date | string | null;
}

export interface SessionTable {
  id: string;
  expiresAt: Date | string;
  token: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
  impersonatedBy: string | null;
}

export const GRANTABLE_ROLES = ["translator", "reviewer"] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: GrantableRole;
  lang: string;
  granted_by: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  created_at: string;
  action: string;
  outcome: "success" | "failure" | "denied";
  actor_id: string | null;
  actor_label: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  lang: string | null;
  ip: string | null;
  /** JSON text. */
  details: string | null;
}

export interface SignInFailuresTable {
  id: string;
  scope_key: string;
  created_at: string;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  segment_id: string;
  lang: string;
  /** The root comment's id (a root points at itself). */
  thread_id: string;
  author_id: string;
  author_name: string;
  body: string;
  /** JSON array of mentioned usernames. */
  mentions: string;
  resolved_at: string | null;
  resolved_by: string | null;
  created_at: string;
}

export const TERM_STATUSES = ["proposed", "approved", "rejected", "deprecated"] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

export interface ConceptsTable {
  id: string;
  subject: string;
  definition: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** foldConceptSearch() of id and definition, for the glossary's search (the repository fills it). */
  search_fold: ColumnType<string, string | undefined, string>;
}

export interface TermsTable {
  id: string;
  concept_id: string;
  lang: string;
  text: string;
  type: "fullForm" | "abbreviation" | "variant";
  pos: string;
  usage: "preferred" | "admitted" | "forbidden";
  case_sensitive: number;
  do_not_translate: number;
  /** 1: also an ordinary word, recognized only in a translation of a source that names the concept (defaults to 0). */
  common_word: ColumnType<number, number | undefined, number>;
  /** 1: also recognized typed without the language's own letters (Kurmanji ê î û as e i u); defaults to 0. */
  plain_vowels: ColumnType<number, number | undefined, number>;
  note: string | null;
  status: TermStatus;
  proposed_by: string | null;
  proposed_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  updated_at: string;
  /** foldForSearch() of the text, for the glossary's search (the repository fills it). */
  text_fold: ColumnType<string, string | undefined, string>;
}

export interface GlossaryEventsTable {
  id: string;
  concept_id: string;
  term_id: string | null;
  action: string;
  actor_id: string | null;
  details: string | null;
  created_at: string;
}

export interface GlossaryStateTable {
  id: number;
  version: number;
}

export interface MtCacheTable {
  key: string;
  provider: string;
  source_lang: string;
  target_lang: string;
  glossary_version: number;
  text: string;
  created_at: string;
}

export interface MtUsageTable {
  provider: string;
  target_lang: string;
  /** UTC month, "2026-12". */
  month: string;
  characters: number;
  requests: number;
  served: number;
  inserted: number;
}

export interface MtGlossariesTable {
  provider: string;
  source_lang: string;
  target_lang: string;
  glossary_version: number;
  remote_id: string;
  updated_at: string;
}

/** The suggestion a translation's text started from, kept until the translation is confirmed (for the effort report). */
export interface TranslationSuggestionsTable {
  segment_id: string;
  lang: string;
  /** "memory" or "mt". */
  kind: string;
  /** The MT provider, or the memory match's score. */
  detail: string | null;
  /** The suggestion as inserted. */
  text: string;
  created_at: string;
}

export interface MtEffortTable {
  id: string;
  segment_id: string;
  lang: string;
  provider: string;
  month: string;
  suggestion: string;
  final_text: string;
  distance: number;
  effort_permille: number;
  author_id: string | null;
  created_at: string;
}

/**
 * Stored progress (issue 12), kept by database triggers (migration 2026-12-08T1700):
 * how many current segments of a document have a translation in `lang` with `status`,
 * made against their current source (`outdated` 0) or an earlier one (1). Never written by the app.
 */
export interface DocumentProgressTable {
  document_id: string;
  lang: string;
  status: TranslationStatus;
  outdated: number;
  n: number;
}

/** How many current segments each document has, kept by the same triggers. */
export interface DocumentSegmentCountsTable {
  document_id: string;
  n: number;
}

export interface Database {
  document_progress: DocumentProgressTable;
  document_segment_counts: DocumentSegmentCountsTable;
  mt_cache: MtCacheTable;
  mt_usage: MtUsageTable;
  mt_glossaries: MtGlossariesTable;
  mt_effort: MtEffortTable;
  translation_suggestions: TranslationSuggestionsTable;
  concepts: ConceptsTable;
  terms: TermsTable;
  glossary_events: GlossaryEventsTable;
  glossary_state: GlossaryStateTable;
  tm_units: TmUnitsTable;
  tm_state: TmStateTable;
  qa_overrides: QaOverridesTable;
  comments: CommentsTable;
  user: UserTable;
  session: SessionTable;
  role_grants: RoleGrantsTable;
  audit_log: AuditLogTable;
  sign_in_failures: SignInFailuresTable;
  app_secrets: AppSecretsTable;
  documents: DocumentsTable;
  segments: SegmentsTable;
  translations: TranslationsTable;
  translation_revisions: TranslationRevisionsTable;
  source_revisions: SourceRevisionsTable;
  editions: EditionsTable;
  edition_segments: EditionSegmentsTable;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
export type SegmentRow = Selectable<SegmentsTable>;
export type NewSegment = Insertable<SegmentsTable>;
export type TranslationRow = Selectable<TranslationsTable>;
export type NewTranslation = Insertable<TranslationsTable>;
export type TranslationRevisionRow = Selectable<TranslationRevisionsTable>;
export type UserRow = Selectable<UserTable>;
export type RoleGrantRow = Selectable<RoleGrantsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type CommentRow = Selectable<CommentsTable>;
export interface TmUnitsTable {
  id: string;
  source_lang: string;
  target_lang: string;
  source_text: string;
  target_text: string;
  /** foldForSearch() of the texts, for concordance search. */
  source_fold: string;
  target_fold: string;
  /** contextHash() of the previous and next source segments ("^" at the document's edges), for in-context matches. */
  context_before: string | null;
  context_after: string | null;
  /** "workbench" (an approved translation) or "tmx" (an import). */
  origin: string;
  /** The document's slug, or the TMX file name. */
  origin_detail: string | null;
  document_id: string | null;
  segment_id: string | null;
  /** User id, or the TMX creationid. */
  author: string | null;
  /** A sentence unit's paragraph unit (origin "sentence"); null for paragraph units. */
  parent_id: string | null;
  /** The translation revision that approved the (paragraph's) translation; null for imports. */
  revision_id: string | null;
  created_at: string;
  updated_at: string;
  /** The tm_state.seq of the unit's last change. */
  seq: number;
  deleted: number;
}

export interface TmStateTable {
  id: number;
  seq: number;
}

export interface QaOverridesTable {
  id: string;
  segment_id: string;
  lang: string;
  version: number;
  /** JSON list of the overridden issues ({ check, message }). */
  checks: string;
  reason: string;
  actor_id: string;
  created_at: string;
}

export type TmUnitRow = Selectable<TmUnitsTable>;
export type ConceptRow = Selectable<ConceptsTable>;
export type TermRow = Selectable<TermsTable>;

/** An earlier source text of a segment, kept when a source update changed it (one row per source hash). */
export interface SourceRevisionsTable {
  id: string;
  segment_id: string;
  source_hash: string;
  source_text: string;
  kind: SegmentKind;
  /** When a source update replaced this text. */
  replaced_at: string;
}

export const EDITION_STATUSES = ["published", "unpublished"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** A story's published edition in one language (issue 13); its snapshot is in edition_segments. */
export interface EditionsTable {
  id: string;
  document_id: string;
  lang: string;
  status: EditionStatus;
  /** The snapshot's title. */
  title: string;
  /** First publication. */
  published_at: string;
  /** Last "publish update" (null before one). */
  updated_at: string | null;
  /** Public correction note of the last update. */
  correction_note: string | null;
  published_by: string | null;
  /** Number of snapshots stored (1 = first publication). */
  version: number;
  unpublished_at: string | null;
  unpublished_by: string | null;
  unpublish_reason: string | null;
}

/** One segment of an edition's snapshot: the exact text published, and where it came from. */
export interface EditionSegmentsTable {
  edition_id: string;
  segment_id: string;
  key: string;
  position: number;
  kind: SegmentKind;
  text: string;
  /** translation_revisions.id of the text (null for the source language). */
  revision_id: string | null;
  translation_version: number | null;
  source_hash: string;
}

export type EditionRow = Selectable<EditionsTable>;
export type EditionSegmentRow = Selectable<EditionSegmentsTable>;
