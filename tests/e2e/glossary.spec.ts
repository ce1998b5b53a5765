import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

test.describe("glossary", () => {
  test("readers search the glossary across languages, ignoring case and diacritics", async ({ page }) => {
    await page.goto("/en/glossary?q=IDLIB");
    await expect(page.getByTestId("concept-idlib")).toBeVisible();
    await expect(page.getByTestId("concept-idlib").locator('td[lang="ckb"]')).toHaveText("ئیدلیب");
    await page.goto(`/ru/glossary?q=${encodeURIComponent("сочинское")}`);
    await expect(page.getByTestId("concept-sochi-deal")).toBeVisible();
    await page.goto(`/ar/glossary?q=${encodeURIComponent("ادلب")}`);
    await expect(page.getByTestId("concept-idlib")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  });

  test("a translator proposes a term, a reviewer approves it, and the editor then offers it", async ({ browser }) => {
    test.slow();
    const tc = await browser.newContext();
    const translator = await tc.newPage();
    await signInAs(translator, "tr-translator");
    await translator.goto("/tr/glossary/frigate");
    await translator.getByTestId("propose-text").fill("savaş gemisi");
    await translator.locator('select[name="type"]').selectOption("variant");
    await translator.locator('select[name="usage"]').selectOption("admitted");
    await translator.getByTestId("propose-submit").click();
    await expect(translator.getByTestId("propose-status")).toHaveText("Öneri incelemeye gönderildi.");
    await expect(translator.getByTestId("term-tr-proposed")).toContainText("savaş gemisi");
    // A translator cannot approve.
    await expect(translator.getByTestId("term-approve")).toHaveCount(0);
    // Not enforced for readers yet.
    const before = await (await translator.request.post("/api/v1/glossary/recognize", { data: { lang: "tr", text: "bir savaş gemisi" }, headers: { origin: ORIGIN } })).json();
    expect(before.matches.map((m: { status: string }) => m.status)).toEqual(["proposed"]);

    const rc = await browser.newContext();
    const reviewer = await rc.newPage();
    await signInAs(reviewer, "tr-reviewer");
    await reviewer.goto("/en/glossary");
    await expect(reviewer.getByTestId("pending-counts")).toContainText("1 proposal");
    await reviewer.goto("/en/glossary/frigate");
    await reviewer.getByTestId("term-tr-proposed").getByTestId("term-approve").click();
    await expect(reviewer.getByTestId("term-tr-proposed")).toHaveCount(0);
    await expect(reviewer.getByTestId("concept-history")).toContainText("Term approved");

    const anonymous = await browser.newPage();
    const after = await (await anonymous.request.post("/api/v1/glossary/recognize", { data: { lang: "tr", text: "bir savaş gemisi" }, headers: { origin: ORIGIN } })).json();
    expect(after.matches.map((m: { conceptId: string; status: string }) => [m.conceptId, m.status])).toEqual([["frigate", "approved"]]);

    const wb = new WorkbenchPage(translator);
    await wb.goto("tr", "idlib-2020-02-28");
    await wb.activate("s19");
    await expect(wb.row("s19").getByTestId("source-term").filter({ hasText: "frigates" })).toBeVisible();
    await expect(translator.getByTestId("glossary-frigate")).toContainText("savaş gemisi");
    await tc.close();
    await rc.close();
  });
});

test.describe("glossary in the reader", () => {
  test("approved terms are marked, and the tooltip (keyboard and tap) gives the definition and the other languages", async ({ page }) => {
    await page.goto("/ru/stories/idlib-2020-02-28");
    const term = page.locator('[data-segment="s11"] [data-testid="reader-term"][data-concept="sochi-deal"]');
    await expect(term).toHaveText("Сочинского соглашения");
    const tip = page.locator(`#${await term.getAttribute("aria-describedby")}`);
    await expect(tip).toBeHidden();
    await term.focus();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText("Soçi Mutabakatı");
    await expect(tip.locator('[lang="ar"]')).toHaveText("اتفاق سوتشي");
    await expect(tip.locator('[lang="ckb"]')).toHaveAttribute("dir", "rtl");
    await page.keyboard.press("Tab");
    await expect(tip).toBeHidden();
  });

  test("tooltips open on tap", async ({ browser }) => {
    const context = await browser.newContext({ hasTouch: true, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto("/ar/stories/idlib-2020-02-28");
    const term = page.locator('[data-segment="s02"] [data-testid="reader-term"][data-concept="hts"]').first();
    await term.tap();
    await expect(page.locator(`#${await term.getAttribute("aria-describedby")}`)).toBeVisible();
    await context.close();
  });
});
