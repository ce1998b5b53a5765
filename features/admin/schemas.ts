/** Query schemas of the admin lists (audit log, users): validation, OpenAPI and the pages derive from these. */
import { z } from "zod";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { pageQueryShape } from "@/lib/api/page";

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;
export const AUDIT_PAGE_SIZE = 50;
export const USERS_PAGE_SIZE = 50;

/** `GET /api/v1/admin/audit`: filters, then the page (newest first). */
export const auditQuerySchema = z.object({
  action: z.string().max(100).optional().describe("An action, e.g. user.create"),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  user: z.string().max(200).optional().describe("The actor's or target's id, or words of their label"),
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]).optional(),
  from: z.iso.datetime().optional().describe("Entries at or after this time"),
  to: z.iso.datetime().optional().describe("Entries at or before this time"),
  ...pageQueryShape(AUDIT_PAGE_SIZE),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const USER_STATUSES = ["active", "disabled"] as const;

/** `GET /api/v1/admin/users`: filters, then the page (by name). */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe("Words of the name, e-mail address or username"),
  status: z.enum(USER_STATUSES).optional(),
  ...pageQueryShape(USERS_PAGE_SIZE),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
