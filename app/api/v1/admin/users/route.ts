import { USERS_ORDER, createUserAccount, createUserSchema, listUsersPage } from "@/features/auth/server/users";
import { readJson, route } from "@/features/auth/server/route";
import { userListQuerySchema } from "@/features/admin/schemas";
import { pageRequestOrThrow, searchParamsOrThrow } from "@/lib/api/page";

/** One page of accounts with their grants, by name; search and status filter. */
export const GET = route({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ request, db }) => {
    const { limit, after, before, ...filter } = userListQuerySchema.parse(searchParamsOrThrow(request.url));
    const page = await listUsersPage(db, { q: filter.q || undefined, status: filter.status }, pageRequestOrThrow({ limit, after, before }, USERS_ORDER.length));
    return Response.json({ users: page.items, next: page.next, prev: page.prev });
  },
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
