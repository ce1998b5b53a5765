/**
 * The one list of permissions and who holds them. Translators and reviewers
 * are granted per language; admins hold every permission in every language.
 * Pure: no I/O, so the matrix can be tested exhaustively.
 */
import type { GrantableRole } from "@/lib/db/schema";

export interface PermissionRule {
  /** "language": held per language through a grant; "global": admins only. */
  readonly scope: "language" | "global";
  /** Roles that hold it (in the granted language, for language permissions). */
  readonly roles: readonly GrantableRole[];
}

export const PERMISSIONS = {
  /** Write a draft or translated text in a language. */
  "translation.edit": { scope: "language", roles: ["translator", "reviewer"] },
  /** Approve or reject a translation in a language. */
  "translation.approve": { scope: "language", roles: ["reviewer"] },
  /** Propose a glossary concept or term in a language. */
  "glossary.propose": { scope: "language", roles: ["translator", "reviewer"] },
  /** Approve or reject glossary terms in a language. */
  "glossary.approve": { scope: "language", roles: ["reviewer"] },
  /** Edit concepts (subject, definition, notes); import and replace glossary data. */
  "glossary.manage": { scope: "global", roles: [] },
  /** Publish a story's edition in a language, or publish an update of it. */
  "edition.publish": { scope: "language", roles: ["reviewer"] },
  /** Take a published edition off the reader. */
  "edition.unpublish": { scope: "global", roles: [] },
  /** Import new stories and source updates. */
  "document.import": { scope: "global", roles: [] },
  /** Create, disable and reset accounts; grant and revoke roles. */
  "user.manage": { scope: "global", roles: [] },
  /** Read the audit log. */
  "audit.read": { scope: "global", roles: [] },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export interface Grant {
  readonly role: GrantableRole;
  readonly lang: string;
}

/** Who is asking: anonymous readers have no user. */
export type Principal =
  | { readonly kind: "anonymous" }
  | {
      readonly kind: "user";
      readonly userId: string;
      readonly name: string;
      readonly username: string | null;
      readonly email: string;
      readonly isAdmin: boolean;
      readonly grants: readonly Grant[];
    };

export const ANONYMOUS: Principal = { kind: "anonymous" };

/** Whether the principal holds the permission (in `lang`, for language permissions). */
export function can(principal: Principal, permission: Permission, lang?: string): boolean {
  if (principal.kind !== "user") return false;
  if (principal.isAdmin) return true;
  const rule: PermissionRule = PERMISSIONS[permission];
  if (rule.scope === "global" || lang === undefined) return false;
  return principal.grants.some((g) => g.lang === lang && rule.roles.includes(g.role));
}

/** Languages in which the principal holds a language permission. */
export function languagesWith(principal: Principal, permission: Permission, languages: readonly string[]): string[] {
  return languages.filter((l) => can(principal, permission, l));
}

/** Whether the principal holds the permission in at least one language (or globally). */
export function canAnywhere(principal: Principal, permission: Permission, languages: readonly string[]): boolean {
  return can(principal, permission) || languagesWith(principal, permission, languages).length > 0;
}
