import { expect, test, type Page } from "@playwright/test";
import { SignInPage, signInAs } from "./pages";

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

/** Collects what Chromium reports as Content-Security-Policy violations on the page. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test.describe("closed doors", () => {
  test("the 404 page of an unmatched route runs under the CSP: its scripts carry the nonce and nothing is refused", async ({ page }) => {
    const violations = cspViolations(page);
    const response = await page.goto("/tr/no/such/page");
    expect(response!.status()).toBe(404);
    const csp = response!.headers()["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    await expect(page.locator("main h1")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "tr");
    // Every script in the server's HTML carries this response's nonce (the ones they load are trusted by 'strict-dynamic').
    const scripts = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // The page's framework scripts ran: the client router is there.
    await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
    expect(violations).toEqual([]);
  });

  test("a proposed concept is hidden from anonymous visitors (404, not in the search) and shown to the team", async ({ browser, page }) => {
    const id = `e2e-unreviewed-${Date.now().toString(36)}`;
    const team = await browser.newContext();
    const translator = await team.newPage();
    await signInAs(translator, "ru-translator");
    const proposed = await translator.request.post("/api/v1/glossary/ru/terms", {
      headers: { origin: ORIGIN },
      data: { concept: { id, subject: "phrase", definition: "An unreviewed proposal for this test.", english: { text: "unreviewed thing" } }, term: { text: "непроверенная вещь" } },
    });
    expect(proposed.status(), await proposed.text()).toBe(201);

    const anonymous = await page.goto(`/en/glossary/${id}`);
    expect(anonymous!.status()).toBe(404);
    await page.goto(`/en/glossary?q=${encodeURIComponent("unreviewed")}`);
    await expect(page.getByTestId(`concept-${id}`)).toHaveCount(0);

    expect((await translator.goto(`/en/glossary/${id}`))!.status()).toBe(200);
    await translator.goto(`/en/glossary?q=${encodeURIComponent("unreviewed")}`);
    await expect(translator.getByTestId(`concept-${id}`)).toBeVisible();
    await team.close();
  });

  test("after sign-in, a next= that leaves the app goes to the language's home page instead", async ({ page }) => {
    await page.goto(`/en/sign-in?next=${encodeURIComponent("/\t/evil.example/x")}`);
    await expect(page.getByTestId("sign-in-submit")).toBeEnabled();
    await new SignInPage(page).signIn("tr-translator");
    await expect(page).toHaveURL(`${ORIGIN}/en`);
    // Signed in already: the server redirects, to the same safe place.
    const r = await page.goto(`/en/sign-in?next=/%09/evil.example/x`);
    expect(new URL(r!.url()).origin).toBe(ORIGIN);
    expect(new URL(r!.url()).pathname).toBe("/en");
  });
});
