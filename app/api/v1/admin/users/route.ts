import { createUserAccount, createUserSchema, listUsers } from "@/features/auth/server/users";
import { readJson, route } from "@/features/auth/server/route";

/** Every account with its grants. */
export const GET = route({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ db }) => Response.json({ users: await listUsers(db) }),
});

/** Creates an account. */
export const POST = route({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ request, auth, db, principal, ip }) => {
    const input = await readJson(request, createUserSchema);
    return Response.json({ user: await createUserAccount(auth, db, input, principal, ip) }, { status: 201 });
  },
});
