import "server-only";
import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { AuditLogRow, AuditLogTable, Database, GrantableRole, RoleGrantRow } from "@/lib/db/schema";
import type { Db } from "@/features/stories/server/repository";
import { newId } from "@/features/stories/stories";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";
import { distinctValues } from "@/lib/db/distinct";

/** The named secret, created (once, race-safely) when it does not exist yet. */
export async function getOrCreateSecret(db: Kysely<Database>, name: string): Promise<string> {
  const existing = await db.selectFrom("app_secrets").select("value").where("name", "=", name).executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto("app_secrets")
    .values({ name, value: randomBytes(48).toString("base64url"), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("app_secrets").select("value").where("name", "=", name).executeTakeFirstOrThrow();
  return row.value;
}

export async function listGrants(db: Db, userId: string): Promise<RoleGrantRow[]> {
  return db.selectFrom("role_grants").selectAll().where("user_id", "=", userId).orderBy("lang").orderBy("role").execute();
}

/**
 * The grants of the user whose session has this token, with that user's id (null when no session
 * has it). Read beside the session check rather than after it (principal.ts).
 */
export async function listGrantsBySessionToken(db: Db, token: string): Promise<{ userId: string | null; grants: RoleGrantRow[] }> {
  const rows = await db
    .selectFrom("session")
    .leftJoin("role_grants", "role_grants.user_id", "session.userId")
    .select(["session.userId as session_user_id", "role_grants.id", "role_grants.user_id", "role_grants.role", "role_grants.lang", "role_grants.granted_by", "role_grants.created_at"])
    .where("session.token", "=", token)
    .orderBy("role_grants.lang")
    .orderBy("role_grants.role")
    .execute();
  const grants: RoleGrantRow[] = [];
  for (const r of rows) if (r.id !== null) grants.push({ id: r.id, user_id: r.user_id!, role: r.role!, lang: r.lang!, granted_by: r.granted_by, created_at: r.created_at! });
  return { userId: rows[0]?.session_user_id ?? null, grants };
}

export async function listAllGrants(db: Db): Promise<RoleGrantRow[]> {
  return db.selectFrom("role_grants").selectAll().orderBy("lang").orderBy("role").execute();
}

/** Grants a role in a language; returns the existing grant if it is already held. */
export async function addGrant(db: Db, input: { userId: string; role: GrantableRole; lang: string; grantedBy: string | null; now?: string }): Promise<{ grant: RoleGrantRow; created: boolean }> {
  const row: RoleGrantRow = {
    id: newId("grant"),
    user_id: input.userId,
    role: input.role,
    lang: input.lang,
    granted_by: input.grantedBy,
    created_at: input.now ?? new Date().toISOString(),
  };
  const r = await db.insertInto("role_grants").values(row).onConflict((oc) => oc.columns(["user_id", "role", "lang"]).doNothing()).executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) return { grant: row, created: true };
  const existing = await db
    .selectFrom("role_grants")
    .selectAll()
    .where("user_id", "=", input.userId)
    .where("role", "=", input.role)
    .where("lang", "=", input.lang)
    .executeTakeFirstOrThrow();
  return { grant: existing, created: false };
}

export async function findGrant(db: Db, userId: string, grantId: string): Promise<RoleGrantRow | undefined> {
  return db.selectFrom("role_grants").selectAll().where("id", "=", grantId).where("user_id", "=", userId).executeTakeFirst();
}

export async function deleteGrant(db: Db, grantId: string): Promise<void> {
  await db.deleteFrom("role_grants").where("id", "=", grantId).execute();
}

export type AuditEntry = Omit<AuditLogTable, "id" | "created_at" | "details"> & { details?: unknown; created_at?: string };

/** Appends one entry to the audit log. */
export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  const { details, created_at, ...rest } = entry;
  await db
    .insertInto("audit_log")
    .values({ id: newId("audit"), created_at: created_at ?? new Date().toISOString(), details: details === undefined ? null : JSON.stringify(details), ...rest })
    .execute();
}

export interface AuditFilter {
  readonly action?: string;
  readonly outcome?: AuditLogRow["outcome"];
  /** Matches the actor's or the target's id or label. */
  readonly user?: string;
  readonly lang?: string;
  readonly from?: string;
  readonly to?: string;
}

/** The audit log's order: newest first, the id breaking ties. */
export const AUDIT_ORDER: readonly SortKey[] = [
  { column: "audit_log.created_at", desc: true },
  { column: "audit_log.id", desc: true },
];

/** One page of audit entries, newest first, filtered in SQL. */
export async function listAuditPage(db: Db, filter: AuditFilter, request: PageRequest): Promise<Page<AuditLogRow>> {
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  let q = db.selectFrom("audit_log").selectAll();
  if (filter.action) q = q.where("action", "=", filter.action);
  if (filter.outcome) q = q.where("outcome", "=", filter.outcome);
  if (filter.lang) q = q.where("lang", "=", filter.lang);
  if (filter.from) q = q.where("created_at", ">=", filter.from);
  if (filter.to) q = q.where("created_at", "<=", filter.to);
  if (filter.user) {
    const u = filter.user;
    const like = `%${u.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("actor_id", "=", u),
        eb("target_id", "=", u),
        eb(sql<string>`lower(actor_label)`, "like", sql<string>`${like} escape '\\'`),
        eb(sql<string>`lower(target_label)`, "like", sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  if (cursor) q = q.where((eb) => keysetCondition(eb, AUDIT_ORDER, cursor, reverse));
  for (const key of AUDIT_ORDER) q = q.orderBy(sql.ref(key.column), direction(key, reverse));
  const rows = await q.limit(request.limit + 1).execute();
  return toPage(rows, request, (r) => [r.created_at, r.id]);
}

/** The newest audit entries (up to 500), filtered: for checks and tools; lists page with listAuditPage. */
export async function listAudit(db: Db, filter: AuditFilter & { readonly limit?: number } = {}): Promise<AuditLogRow[]> {
  return (await listAuditPage(db, filter, { limit: Math.min(filter.limit ?? 100, 500) })).items;
}

/** Distinct audit actions, for the filter menu. */
export async function listAuditActions(db: Db): Promise<string[]> {
  return distinctValues(db, "audit_log", "action");
}

/** Records one sign-in attempt (a reservation that stays as a failure unless released); returns its id. */
export async function insertSignInFailure(db: Db, scopeKey: string, at: string): Promise<string> {
  const id = newId("sif");
  await db.insertInto("sign_in_failures").values({ id, scope_key: scopeKey, created_at: at }).execute();
  return id;
}

/** Attempts recorded for the key since `since`, oldest first. */
export async function listSignInFailures(db: Db, scopeKey: string, since: string): Promise<{ id: string; created_at: string }[]> {
  return db
    .selectFrom("sign_in_failures")
    .select(["id", "created_at"])
    .where("scope_key", "=", scopeKey)
    .where("created_at", ">", since)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function deleteSignInFailures(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom("sign_in_failures").where("id", "in", ids).execute();
}

/** The id of the account an e-mail address or username (already normalized) names, if any. */
export async function findUserIdByLogin(db: Db, kind: "email" | "username", value: string): Promise<string | undefined> {
  const row = await db.selectFrom("user").select("id").where(kind, "=", value).executeTakeFirst();
  return row?.id;
}

/** Ends every session of the user except those with the given tokens. */
export async function deleteOtherSessions(db: Db, userId: string, keepTokens: readonly string[]): Promise<void> {
  let q = db.deleteFrom("session").where("userId", "=", userId);
  if (keepTokens.length > 0) q = q.where("token", "not in", keepTokens);
  await q.execute();
}

export async function clearSignInFailures(db: Db, scopeKey: string): Promise<void> {
  await db.deleteFrom("sign_in_failures").where("scope_key", "=", scopeKey).execute();
}

/** Drops failures older than `before` (housekeeping). */
export async function pruneSignInFailures(db: Db, before: string): Promise<void> {
  await db.deleteFrom("sign_in_failures").where("created_at", "<", before).execute();
}
