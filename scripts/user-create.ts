/**
 * `npm run user:create -- --email a@b.org --username jane --name "Jane Doe" [--admin] [--grant translator:tr]…`
 * Creates an account (the first admin of a real deployment, for instance).
 * The password comes from --password, or from the USER_PASSWORD environment variable.
 */
import { parseArgs } from "node:util";
import { createDb, resolveDbConfig } from "@/lib/db/connection";
import { migrateToLatest } from "@/lib/db/migrate";
import { createAuth } from "@/features/auth/server/auth";
import { getOrCreateSecret } from "@/features/auth/server/repository";
import { createUserAccount } from "@/features/auth/server/users";
import { ApiError } from "@/lib/api/errors";
import { ZodError, z } from "zod";

const USAGE = `Usage: npm run user:create -- --email <e-mail> --username <name> --name "<full name>" [--admin] [--grant translator:tr] [--grant reviewer:ar] [--password <password>]
(or pass the password in USER_PASSWORD)`;

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      username: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      admin: { type: "boolean", default: false },
      grant: { type: "string", multiple: true, default: [] },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const password = values.password ?? process.env.USER_PASSWORD;
  if (!values.email || !values.username || !values.name || !password) {
    console.error(`Missing ${["email", "username", "name"].filter((k) => !values[k as "email"]).concat(password ? [] : ["password"]).join(", ")}.\n${USAGE}`);
    process.exit(2);
  }
  const grants = values.grant.map((g) => {
    const [role, lang] = g.split(":");
    return { role: role as "translator" | "reviewer", lang: lang ?? "" };
  });
  const db = createDb(resolveDbConfig());
  try {
    await migrateToLatest(db);
    const secret = process.env.BETTER_AUTH_SECRET || (await getOrCreateSecret(db, "auth"));
    const auth = createAuth(db, { secret, baseURL: process.env.PUBLIC_URL || "http://localhost:3000" });
    const user = await createUserAccount(auth, db, { email: values.email, username: values.username, name: values.name, password, admin: values.admin, grants }, null);
    const roles = [user.admin ? "admin" : null, ...user.grants.map((g) => `${g.role}:${g.lang}`)].filter(Boolean).join(", ") || "no roles";
    console.log(`Created ${user.username} <${user.email}> (${roles}).`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  if (error instanceof ZodError) console.error(z.prettifyError(error));
  else if (error instanceof ApiError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
