import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from "@/features/auth/server/demo";
import { countUsers, createUserAccount } from "@/features/auth/server/users";

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`demo accounts (${dialect.name})`, () => {
    let empty: TestDatabase;
    let used: TestDatabase;
    beforeAll(async () => {
      empty = await dialect.create();
      used = await dialect.create();
    });
    afterAll(async () => {
      await empty?.destroy();
      await used?.destroy();
    });

    it("are created on a database without users: an admin, a translator per language, reviewers for tr, ar and kmr", async () => {
      const auth = useAuth(empty.db, new TestClock());
      expect(await seedDemoUsers(auth, empty.db)).toBe(9);
      expect(DEMO_USERS.map((u) => u.username)).toEqual([
        "admin",
        "tr-translator",
        "ru-translator",
        "ar-translator",
        "ckb-translator",
        "kmr-translator",
        "tr-reviewer",
        "ar-reviewer",
        "kmr-reviewer",
      ]);
      const { cookie } = await signIn("ar-reviewer", DEMO_PASSWORD);
      const me = (await (await call("GET", "/api/v1/me", { cookie })).json()) as { principal: { grants: unknown[]; isAdmin: boolean } };
      expect(me.principal).toMatchObject({ isAdmin: false, grants: [{ role: "reviewer", lang: "ar" }] });
      // Seeding again adds nobody.
      expect(await seedDemoUsers(auth, empty.db)).toBe(0);
    });

    it("include a Kurmanji translator and a Kurmanji reviewer who sign in with the demo password and hold kmr only", async () => {
      useAuth(empty.db, new TestClock());
      for (const [username, role] of [
        ["kmr-translator", "translator"],
        ["kmr-reviewer", "reviewer"],
      ] as const) {
        const { response, cookie } = await signIn(username, DEMO_PASSWORD);
        expect(response.status, username).toBe(200);
        const me = (await (await call("GET", "/api/v1/me", { cookie })).json()) as { principal: { grants: unknown[]; isAdmin: boolean } };
        expect(me.principal).toMatchObject({ isAdmin: false, grants: [{ role, lang: "kmr" }] });
        expect(me.principal.grants).toHaveLength(1);
      }
    });

    it("are not created where any user exists", async () => {
      const auth = useAuth(used.db, new TestClock());
      await createUserAccount(auth, used.db, { name: "Desk", email: "desk@example.org", username: "desk", password: "a-real-password" }, null);
      expect(await seedDemoUsers(auth, used.db)).toBe(0);
      expect(await countUsers(used.db)).toBe(1);
    });
  });
}

describe("npm run db:seed with DEMO_USERS=off", () => {
  it("loads the stories but creates no account", async () => {
    const { spawnSync } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-demo-off-"));
    const file = path.join(dir, "db.sqlite");
    try {
      const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], { env: { ...process.env, SQLITE_PATH: file, DEMO_USERS: "off" }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("Demo accounts: off");
      const Database = (await import("better-sqlite3")).default;
      const db = new Database(file, { readonly: true });
      expect(db.prepare('select count(*) as n from "user"').get()).toEqual({ n: 0 });
      expect(db.prepare("select count(*) as n from documents").get()).toEqual({ n: 1 });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
