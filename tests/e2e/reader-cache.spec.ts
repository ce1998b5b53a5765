import { expect, test, type Page } from "@playwright/test";
import { STORY } from "./pages";

/** Collects what Chromium reports as Content-Security-Policy violations on the page. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

const READER_PAGES = [
  ...["en", "tr", "ru", "ar", "ckb", "kmr"].flatMap((l) => [`/${l}`, `/${l}/stories/${STORY}`]),
  `/en/stories/${STORY}?compare=tr&compare=ru&compare=ar&compare=ckb`,
  `/ar/stories/${STORY}?compare=ckb`,
];

test.describe("anonymous reader pages: cached, under a CSP without a nonce", () => {
  for (const path of READER_PAGES) {
    test(`${path}: hash-based CSP, the page's scripts run and nothing is refused`, async ({ page }) => {
      const violations = cspViolations(page);
      const response = await page.goto(path);
      expect(response!.status()).toBe(200);
      const headers = response!.headers();
      expect(headers["cache-control"]).toMatch(/^public,/);
      expect(headers["set-cookie"]).toBeUndefined();
      const csp = headers["content-security-policy"]!;
      expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(csp).not.toMatch(/nonce-|unsafe-inline/);
      // The framework's scripts ran (the client router is there), so the inline ones were allowed.
      await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
      await expect(page.getByTestId("sign-in-link")).toBeVisible();
      expect(violations).toEqual([]);
    });
  }

  test("a glossary term's tooltip still opens on a cached page (its script ran)", async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto(`/en/stories/${STORY}`);
    const term = page.getByTestId("reader-term").first();
    await term.focus();
    const tip = page.locator(`#${await term.getAttribute("aria-describedby")}`);
    await expect(tip).toBeVisible();
    expect(violations).toEqual([]);
  });
});
