import type { Kysely } from "kysely";
import { dialectOf } from "../connection";

// Accounts. The user, session, account and verification tables are the ones
// better-auth (with its username and admin plugins) reads and writes; their
// column types follow what its Kysely adapter stores on each dialect (native
// timestamptz and boolean on PostgreSQL, ISO text and 0/1 on SQLite), so this
// is the one migration that branches on the dialect. Our own tables stay in
// the shared subset.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const ts = pg ? "timestamptz" : "date";
  const bool = pg ? "boolean" : "integer";

  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("emailVerified", bool, (c) => c.notNull())
    .addColumn("image", "text")
    .addColumn("createdAt", ts, (c) => c.notNull())
    .addColumn("updatedAt", ts, (c) => c.notNull())
    .addColumn("username", "text", (c) => c.unique())
    .addColumn("displayUsername", "text")
    .addColumn("role", "text")
    .addColumn("banned", bool)
    .addColumn("banReason", "text")
    .addColumn("banExpires", ts)
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("expiresAt", ts, (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", ts, (c) => c.notNull())
    .addColumn("updatedAt", ts, (c) => c.notNull())
    .addColumn("ipAddress", "text")
    .addColumn("userAgent", "text")
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("impersonatedBy", "text")
    .execute();
  await db.schema.createIndex("session_userId_idx").on("session").column("userId").execute();

  await db.schema
    .createTable("account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("accountId", "text", (c) => c.notNull())
    .addColumn("providerId", "text", (c) => c.notNull())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("accessToken", "text")
    .addColumn("refreshToken", "text")
    .addColumn("idToken", "text")
    .addColumn("accessTokenExpiresAt", ts)
    .addColumn("refreshTokenExpiresAt", ts)
    .addColumn("scope", "text")
    .addColumn("password", "text")
    .addColumn("createdAt", ts, (c) => c.notNull())
    .addColumn("updatedAt", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_userId_idx").on("account").column("userId").execute();

  await db.schema
    .createTable("verification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("expiresAt", ts, (c) => c.notNull())
    .addColumn("createdAt", ts, (c) => c.notNull())
    .addColumn("updatedAt", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("verification_identifier_idx").on("verification").column("identifier").execute();

  // Per-language roles: one row per (user, role, language).
  await db.schema
    .createTable("role_grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("granted_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("role_grants_user_role_lang_unique", ["user_id", "role", "lang"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text")
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("target_label", "text")
    .addColumn("lang", "text")
    .addColumn("ip", "text")
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").column("created_at").execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "created_at"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_id", "created_at"]).execute();

  // Failed sign-ins, counted per account and per client address for rate limiting.
  await db.schema
    .createTable("sign_in_failures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scope_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_failures_key_idx").on("sign_in_failures").columns(["scope_key", "created_at"]).execute();

  // Secrets generated on first start (the session-signing secret when none is configured).
  await db.schema
    .createTable("app_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["app_secrets", "sign_in_failures", "audit_log", "role_grants", "verification", "account", "session", "user"]) {
    await db.schema.dropTable(t).execute();
  }
}
