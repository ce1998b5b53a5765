import "server-only";
import { sql, type Kysely, type Selectable } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { GRANTABLE_ROLES, type Database, type GrantableRole, type RoleGrantRow, type UserTable } from "@/lib/db/schema";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import type { Principal } from "../permissions";
import { MIN_PASSWORD_LENGTH, type Auth } from "./auth";
import { addGrant, deleteGrant, findGrant, insertAudit, listGrants } from "./repository";

export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`).max(256);
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "Usernames are 2–64 letters, digits, dots, hyphens or underscores.");
export const grantSchema = z.object({ role: z.enum(GRANTABLE_ROLES), lang: z.enum(LANGUAGE_CODES as [string, ...string[]]) });

export const createUserSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().trim().toLowerCase(),
  username: usernameSchema,
  password: passwordSchema,
  admin: z.boolean().default(false),
  grants: z.array(grantSchema).max(20).default([]),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export interface UserSummary {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly username: string | null;
  readonly admin: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly grants: readonly { id: string; role: GrantableRole; lang: string }[];
}

const truthy = (v: unknown) => v === true || v === 1 || v === "1";
const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/** Who did it, for audit rows. */
function actor(principal: Principal | null) {
  return principal?.kind === "user" ? { actor_id: principal.userId, actor_label: principal.email } : { actor_id: null, actor_label: "system" };
}

/** The users list's order: by name, the id breaking ties. */
export const USERS_ORDER: readonly SortKey[] = [
  { column: "user.name", desc: false },
  { column: "user.id", desc: false },
];

export interface UserListFilter {
  /** Words of the name, e-mail address or username (case folded as each database folds it). */
  readonly q?: string;
  readonly status?: "active" | "disabled";
}

function summaries(users: readonly Selectable<UserTable>[], grants: readonly RoleGrantRow[]): UserSummary[] {
  const byUser = new Map<string, RoleGrantRow[]>();
  for (const g of grants) {
    const list = byUser.get(g.user_id);
    if (list) list.push(g);
    else byUser.set(g.user_id, [g]);
  }
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    username: u.username,
    admin: u.role === "admin",
    disabled: truthy(u.banned),
    createdAt: iso(u.createdAt),
    grants: (byUser.get(u.id) ?? []).map((g) => ({ id: g.id, role: g.role, lang: g.lang })),
  }));
}

/** One page of accounts with their grants, by name, filtered in SQL: two queries whatever the number of accounts. */
export async function listUsersPage(db: Kysely<Database>, filter: UserListFilter, request: PageRequest): Promise<Page<UserSummary>> {
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  let q = db.selectFrom("user").selectAll("user");
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or(["user.name", "user.email", "user.username"].map((column) => eb(sql<string>`lower(${sql.ref(column)})`, "like", sql<string>`${like} escape '\\'`))),
    );
  }
  if (filter.status === "disabled") q = q.where(sql<boolean>`"user"."banned" is true`);
  if (filter.status === "active") q = q.where(sql<boolean>`"user"."banned" is not true`);
  if (cursor) q = q.where((eb) => keysetCondition(eb, USERS_ORDER, cursor, reverse));
  for (const key of USERS_ORDER) q = q.orderBy(sql.ref(key.column), direction(key, reverse));
  const page = toPage(await q.limit(request.limit + 1).execute(), request, (u) => [u.name, u.id]);
  const ids = page.items.map((u) => u.id);
  const grants = ids.length ? await db.selectFrom("role_grants").selectAll().where("user_id", "in", ids).orderBy("lang").orderBy("role").execute() : [];
  return { ...page, items: summaries(page.items, grants) };
}

export async function findUser(db: Kysely<Database>, id: string): Promise<UserSummary | undefined> {
  const user = await db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirst();
  if (!user) return undefined;
  return summaries([user], await listGrants(db, id))[0];
}

export async function getUserOrThrow(db: Kysely<Database>, id: string): Promise<UserSummary> {
  const user = await findUser(db, id);
  if (!user) throw new ApiError("not_found", "No such user.");
  return user;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Creates an account with a password (admins create accounts; there is no open sign-up). */
export async function createUserAccount(auth: Auth, db: Kysely<Database>, input: CreateUserInput, by: Principal | null, ip: string | null = null): Promise<UserSummary> {
  const data = createUserSchema.parse(input);
  const clash = await db
    .selectFrom("user")
    .select(["email", "username"])
    .where((eb) => eb.or([eb("email", "=", data.email), eb("username", "=", data.username)]))
    .executeTakeFirst();
  if (clash) {
    throw new ApiError("already_exists", clash.email === data.email ? "An account with this e-mail address exists." : "An account with this username exists.", {
      field: clash.email === data.email ? "email" : "username",
    });
  }
  const ctx = await auth.$context;
  const user = await ctx.internalAdapter.createUser({
    name: data.name,
    email: data.email,
    emailVerified: true,
    username: data.username,
    displayUsername: data.username,
    role: data.admin ? "admin" : "user",
  }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await ctx.password.hash(data.password) });
  for (const g of data.grants) await addGrant(db, { userId: user.id, role: g.role, lang: g.lang, grantedBy: by?.kind === "user" ? by.userId : null });
  await insertAudit(db, { action: "user.create", outcome: "success", ...actor(by), target_type: "user", target_id: user.id, target_label: data.email, lang: null, ip, details: { username: data.username, admin: data.admin, grants: data.grants } });
  return getUserOrThrow(db, user.id);
}

/** Disables (sessions revoked at once) or re-enables an account. */
export async function setUserDisabled(auth: Auth, db: Kysely<Database>, userId: string, disabled: boolean, by: Principal, ip: string | null): Promise<UserSummary> {
  const user = await getUserOrThrow(db, userId);
  if (by.kind === "user" && by.userId === userId && disabled) throw new ApiError("validation_failed", "You cannot disable your own account.");
  const ctx = await auth.$context;
  await ctx.internalAdapter.updateUser(userId, { banned: disabled, banReason: disabled ? "disabled by an administrator" : null, banExpires: null });
  if (disabled) await ctx.internalAdapter.deleteUserSessions(userId);
  await insertAudit(db, { action: disabled ? "user.disable" : "user.enable", outcome: "success", ...actor(by), target_type: "user", target_id: userId, target_label: user.email, lang: null, ip });
  return getUserOrThrow(db, userId);
}

/** Sets a new password and signs the user out everywhere. */
export async function resetUserPassword(auth: Auth, db: Kysely<Database>, userId: string, password: string, by: Principal | null, ip: string | null): Promise<void> {
  const user = await getUserOrThrow(db, userId);
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(passwordSchema.parse(password));
  const accounts = await ctx.internalAdapter.findAccounts(userId);
  if (accounts.some((a) => a.providerId === "credential")) await ctx.internalAdapter.updatePassword(userId, hash);
  else await ctx.internalAdapter.linkAccount({ userId, providerId: "credential", accountId: userId, password: hash });
  await ctx.internalAdapter.deleteUserSessions(userId);
  await insertAudit(db, { action: "user.reset_password", outcome: "success", ...actor(by), target_type: "user", target_id: userId, target_label: user.email, lang: null, ip });
}

/** Makes the user an administrator or takes it away. */
export async function setUserAdmin(auth: Auth, db: Kysely<Database>, userId: string, isAdmin: boolean, by: Principal, ip: string | null): Promise<UserSummary> {
  const user = await getUserOrThrow(db, userId);
  if (by.kind === "user" && by.userId === userId && !isAdmin) throw new ApiError("validation_failed", "You cannot remove your own administrator role.");
  const ctx = await auth.$context;
  await ctx.internalAdapter.updateUser(userId, { role: isAdmin ? "admin" : "user" });
  await insertAudit(db, { action: isAdmin ? "user.grant_admin" : "user.revoke_admin", outcome: "success", ...actor(by), target_type: "user", target_id: userId, target_label: user.email, lang: null, ip });
  return getUserOrThrow(db, userId);
}

export async function grantRole(db: Kysely<Database>, userId: string, input: z.input<typeof grantSchema>, by: Principal, ip: string | null) {
  const user = await getUserOrThrow(db, userId);
  const g = grantSchema.parse(input);
  const result = await addGrant(db, { userId, role: g.role, lang: g.lang, grantedBy: by.kind === "user" ? by.userId : null });
  if (result.created) await insertAudit(db, { action: "role.grant", outcome: "success", ...actor(by), target_type: "user", target_id: userId, target_label: user.email, lang: g.lang, ip, details: { role: g.role } });
  return result;
}

export async function revokeRole(db: Kysely<Database>, userId: string, grantId: string, by: Principal, ip: string | null): Promise<void> {
  const user = await getUserOrThrow(db, userId);
  const grant = await findGrant(db, userId, grantId);
  if (!grant) throw new ApiError("not_found", "No such grant.");
  await deleteGrant(db, grantId);
  await insertAudit(db, { action: "role.revoke", outcome: "success", ...actor(by), target_type: "user", target_id: userId, target_label: user.email, lang: grant.lang, ip, details: { role: grant.role } });
}
