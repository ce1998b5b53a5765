import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { can, type Permission, type Principal } from "../permissions";
import { getPrincipal } from "./principal";

type User = Extract<Principal, { kind: "user" }>;

/** The signed-in user of a page; anonymous readers are sent to sign in and brought back to `path`. */
export async function requirePageUser(lang: string, path: string): Promise<User> {
  const principal = await getPrincipal(await headers());
  if (principal.kind !== "user") redirect(`/${lang}/sign-in?next=${encodeURIComponent(path)}`);
  return principal;
}

/** The user of a page that only holders of `permission` may see; for anyone else it does not exist (404). */
export async function requirePagePermission(permission: Permission): Promise<User> {
  const principal = await getPrincipal(await headers());
  if (principal.kind !== "user" || !can(principal, permission)) notFound();
  return principal;
}
