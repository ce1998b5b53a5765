import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { STORY, SignInPage, StoryPage, signInAs, walkPager } from "./pages";

test.describe("signing in and out", () => {
  test("a translator signs in from a story, comes back to it, and signs out", async ({ page }) => {
    await page.goto(`/tr/stories/${STORY}`);
    await page.getByTestId("sign-in-link").click();
    await expect(page).toHaveURL(/\/tr\/sign-in\?next=/);
    const signIn = new SignInPage(page);
    await signIn.signIn("tr-translator");
    await expect(page).toHaveURL(new RegExp(`/tr/stories/${STORY}$`));
    await expect(page.getByTestId("account-name")).toHaveText("Ayşe Demir olarak oturum açıldı");

    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(new RegExp(`/tr/stories/${STORY}$`));
    await expect(page.getByTestId("sign-in-link")).toBeVisible();
    const me = await (await page.request.get("/api/v1/me")).json();
    expect(me.principal.kind).toBe("anonymous");
  });

  test("a wrong password gets a message in the UI language that does not reveal the account", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto("ru");
    await signIn.signIn("tr-translator", "wrong-password");
    await expect(signIn.error).toHaveText("Неверное имя пользователя, адрес электронной почты или пароль.");
    await signIn.signIn("nobody-at-all", "wrong-password");
    await expect(signIn.error).toHaveText("Неверное имя пользователя, адрес электронной почты или пароль.");
  });

  test("the sign-in page works in Sorani, right to left", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto("ckb");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await signIn.signIn("ckb-translator");
    await expect(page).toHaveURL(/\/ckb$/);
    await expect(page.getByTestId("account-name")).toContainText("شیلان ئەحمەد");
  });
});

test.describe("what each user sees", () => {
  test("a reader sees no edit controls; a tr translator sees them for Turkish only", async ({ page, browser }) => {
    const story = new StoryPage(page);
    await story.goto("en", "?compare=tr&compare=ar");
    await expect(story.parallelTable).toBeVisible();
    await expect(page.getByTestId("edit-links")).toHaveCount(0);

    const context = await browser.newContext();
    const translator = await context.newPage();
    await signInAs(translator, "tr-translator");
    await translator.goto(`/en/stories/${STORY}?compare=tr&compare=ar`);
    await expect(translator.getByTestId("edit-links")).toBeVisible();
    await expect(translator.getByTestId("edit-tr")).toBeVisible();
    await expect(translator.getByTestId("edit-ar")).toHaveCount(0);
    await expect(translator.getByTestId("admin-users-link")).toHaveCount(0);
    await context.close();
  });

  test("an ar reviewer sees Arabic only; an admin sees every language and the admin pages", async ({ page }) => {
    await signInAs(page, "ar-reviewer");
    await page.goto(`/en/stories/${STORY}`);
    await expect(page.getByTestId("edit-ar")).toBeVisible();
    await expect(page.locator('[data-testid^="edit-"]:not([data-testid="edit-links"])')).toHaveCount(1);
    await page.request.post("/api/v1/session/sign-out", { form: { next: "/en" }, headers: { origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` } });

    await signInAs(page, "admin");
    await page.goto(`/en/stories/${STORY}`);
    for (const l of ["tr", "ru", "ar", "ckb"]) await expect(page.getByTestId(`edit-${l}`)).toBeVisible();
    await expect(page.getByTestId("admin-users-link")).toBeVisible();
  });

  test("admin pages do not exist for others", async ({ page }) => {
    expect((await page.goto("/en/admin/users"))?.status()).toBe(404);
    await signInAs(page, "tr-reviewer");
    expect((await page.goto("/en/admin/audit"))?.status()).toBe(404);
  });
});

test.describe("administration", () => {
  test("an admin grants a role in a language and sees it in the audit log", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/en/admin/users");
    const row = page.getByTestId("user-row-ru-translator");
    await expect(row).toContainText("Ольга Смирнова");
    await row.locator('select[name="role"]').selectOption("reviewer");
    await row.locator('select[name="lang"]').selectOption("ru");
    await row.getByRole("button", { name: "Grant role" }).click();
    await expect(page.getByTestId("admin-notice")).toHaveText("Saved.");
    await expect(row).toContainText("Reviewer: Русский");

    await page.goto("/en/admin/audit?action=role.grant");
    const entry = page.getByTestId("audit-table").locator("tbody tr").first();
    await expect(entry).toContainText("Role granted");
    await expect(entry).toContainText("ru-translator@newsroom.example");
    await expect(entry).toContainText("admin@newsroom.example");
  });

  for (const path of ["/en/admin/users", "/ar/admin/audit", "/ckb/account", "/ru/sign-in"]) {
    test(`${path} has no serious accessibility violation`, async ({ page }) => {
      test.slow();
      if (!path.endsWith("sign-in")) await signInAs(page, "admin");
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
});

test.describe("administration without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the audit log and the users list page with next and previous links", async ({ page }) => {
    test.slow();
    await signInAs(page, "admin");
    const audit = await walkPager(page, "/en/admin/audit?limit=2", '[data-testid="audit-table"] tbody tr', "audit-pager");
    expect(audit.first).toHaveLength(2);
    expect(audit.second.length).toBeGreaterThan(0);
    const users = await walkPager(page, "/en/admin/users?limit=2", '[data-testid="users-table"] tbody tr', "users-pager");
    expect(users.first).toHaveLength(2);
    expect(users.second).toHaveLength(2);
    expect(users.second).not.toEqual(users.first);
    await page.goto("/en/admin/users?q=ru-translator");
    await expect(page.getByTestId("users-table").locator("tbody tr")).toHaveCount(1);
    expect((await page.goto("/en/admin/audit?after=not-a-cursor"))?.status()).toBe(404);
  });
});

test.describe("security headers", () => {
  test("pages run under a nonce CSP without violations", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto("/en/sign-in");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("'strict-dynamic'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    await expect(page.getByTestId("sign-in-submit")).toBeEnabled();
    await new SignInPage(page).signIn("tr-translator");
    await expect(page.getByTestId("account-name")).toBeVisible();
    await page.goto(`/ar/stories/${STORY}`);
    expect(violations).toEqual([]);
  });

  test("a cross-origin POST is refused", async ({ request }) => {
    const res = await request.post("/api/auth/sign-in/username", { data: { username: "admin", password: "newsroom-demo" }, headers: { origin: "https://evil.example" } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("cross_origin");
  });
});
