import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs, walkPager } from "./pages";

// q3 repeats, and q4 varies, a sentence of the Idlib story whose approved translations are in the memory.
const NATO_TR = "NATO yetkilileri, durumu görüşmek üzere cuma günü ilerleyen saatlerde bir araya gelecek.";

test.describe("translation memory in the editor", () => {
  test("a fuzzy match shows how its source differs, and Alt+Shift+1 puts its translation in the editor", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", "e2e-qa-story");
    await wb.activate("q4");
    const match = page.getByTestId("memory-panel").getByTestId("memory-match").first();
    await expect(match.getByTestId("memory-target")).toHaveText(NATO_TR);
    await expect(match.getByTestId("memory-target")).toHaveAttribute("lang", "tr");
    const score = Number(await match.getAttribute("data-score"));
    expect(score).toBeGreaterThanOrEqual(70);
    expect(score).toBeLessThan(100);
    // The memory's source said "later on Friday"; this segment says "on Saturday".
    await expect(match.getByTestId("memory-source").locator("del")).toContainText(["later", "Friday"]);
    await expect(match.getByTestId("memory-source").locator("ins")).toContainText(["Saturday"]);
    await wb.editor.focus();
    await page.keyboard.press("Alt+Shift+Digit1");
    await expect(wb.editor).toHaveValue(NATO_TR);
  });

  test("an exact repeat is a 100 % match, and concordance search finds a phrase in the memory", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", "e2e-qa-story");
    await wb.activate("q3");
    const match = page.getByTestId("memory-match").first();
    await expect(match).toHaveAttribute("data-score", "100");
    await expect(match.locator(".wb-score")).toHaveText("100%");
    await page.getByTestId("concordance-q").fill("SOÇİ MUTABAKATI");
    await page.getByTestId("concordance-q").press("Enter");
    await expect(page.getByTestId("concordance-hits").locator('p[lang="tr"]').first()).toContainText("Soçi Mutabakatı");
  });
});

test.describe("translation memory search without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a translator searches the memory and pages through the units with next and previous links", async ({ page }) => {
    test.slow();
    await signInAs(page, "tr-translator");
    const { first, second } = await walkPager(page, "/en/memory?q=the&targetLang=tr&limit=2", '[data-testid="memory-results"] tbody tr', "memory-pager");
    expect(first).toHaveLength(2);
    expect(second.length).toBeGreaterThan(0);
    await page.goto("/en/memory?q=zzqx-nothing&targetLang=tr");
    await expect(page.getByTestId("memory-search-empty")).toBeVisible();
  });
});

test.describe("translation memory page", () => {
  test("an admin imports a large TMX file with progress shown, and the memory lists the new units", async ({ page }) => {
    test.slow();
    await signInAs(page, "admin");
    await page.goto("/en/workbench");
    await page.getByTestId("memory-link").click();
    await expect(page.locator("h1")).toHaveText("Translation memory");
    // About 3 MB of Sorani units, so that the server reports progress while it reads.
    const units = Array.from({ length: 12_000 }, (_, i) => `<tu><tuv xml:lang="en"><seg>Stay at home and wash your hands, advice number ${i}.</seg></tuv><tuv xml:lang="ckb"><seg>لە ماڵەوە بمێنەوە و دەستەکانت بشۆ، ئامۆژگاریی ژمارە ${i}.</seg></tuv></tu>`).join("\n");
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="e2e" creationtoolversion="1" segtype="sentence" o-tmf="e2e" adminlang="en" srclang="en" datatype="plaintext"/><body>\n${units}\n</body></tmx>\n`;
    await page.getByTestId("tmx-file").setInputFiles({ name: "advice.en-ckb.tmx", mimeType: "application/xml", buffer: Buffer.from(tmx) });
    await page.getByTestId("tmx-run").click();
    const summary = page.getByTestId("tmx-summary");
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(summary.getByTestId("tmx-added-en-ckb")).toContainText("12,000");
    expect(Number(await summary.getAttribute("data-progress-lines"))).toBeGreaterThan(0);
    await expect(page.getByTestId("memory-pair-en-ckb").getByTestId("memory-units")).not.toHaveText("0");
  });

  test("a hostile TMX is refused with a readable message", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/tr/memory");
    const bomb = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>`;
    await page.getByTestId("tmx-file").setInputFiles({ name: "bomb.tmx", mimeType: "application/xml", buffer: Buffer.from(bomb) });
    await page.getByTestId("tmx-run").click();
    await expect(page.getByTestId("tmx-error")).toContainText("Gönderilen bilgilerin bir kısmı geçerli değil");
    await expect(page.getByTestId("tmx-error")).toContainText("ENTITY");
  });
});
