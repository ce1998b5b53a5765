import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Auth } from "./auth";
import { countUsers, createUserAccount, type CreateUserInput } from "./users";

/** Password of every demo account (listed in the README). */
export const DEMO_PASSWORD = "newsroom-demo";

/** Demo accounts for a fresh install: an admin, a translator per language, reviewers for tr, ar and kmr. */
export const DEMO_USERS: readonly CreateUserInput[] = [
  { name: "Desk Administrator", username: "admin", email: "admin@newsroom.example", password: DEMO_PASSWORD, admin: true, grants: [] },
  { name: "Ayşe Demir", username: "tr-translator", email: "tr-translator@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "translator", lang: "tr" }] },
  { name: "Ольга Смирнова", username: "ru-translator", email: "ru-translator@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "translator", lang: "ru" }] },
  { name: "ليلى حداد", username: "ar-translator", email: "ar-translator@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "translator", lang: "ar" }] },
  { name: "شیلان ئەحمەد", username: "ckb-translator", email: "ckb-translator@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "translator", lang: "ckb" }] },
  { name: "Berfîn Zana", username: "kmr-translator", email: "kmr-translator@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "translator", lang: "kmr" }] },
  { name: "Mehmet Yılmaz", username: "tr-reviewer", email: "tr-reviewer@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "reviewer", lang: "tr" }] },
  { name: "عمر خليل", username: "ar-reviewer", email: "ar-reviewer@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "reviewer", lang: "ar" }] },
  { name: "Rênas Şêxo", username: "kmr-reviewer", email: "kmr-reviewer@newsroom.example", password: DEMO_PASSWORD, grants: [{ role: "reviewer", lang: "kmr" }] },
];

/** Creates the demo accounts, but only in a database that has no user yet. Returns how many were made. */
export async function seedDemoUsers(auth: Auth, db: Kysely<Database>): Promise<number> {
  if ((await countUsers(db)) > 0) return 0;
  for (const u of DEMO_USERS) await createUserAccount(auth, db, u, null);
  return DEMO_USERS.length;
}
