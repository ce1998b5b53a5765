import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

// The Turkish translation of this story is incomplete (p2 has none); no other spec edits it.
const STORY = "e2e-partial-story";
const NEW_TEXT = "Bu paragrafın Türkçe çevirisi artık bir XLIFF dosyasından geliyor.";

test.describe("XLIFF exchange", () => {
  test("export XLIFF 2.1 from the editor, translate one unit in the file, import it with a preview, and see it in the editor", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", STORY);

    // Export: the file the browser downloads.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("xliff-export-21").click()]);
    expect(download.suggestedFilename()).toBe(`${STORY}.tr.xlf`);
    const exported = fs.readFileSync((await download.path())!, "utf8");
    expect(exported).toContain('version="2.1" srcLang="en" trgLang="tr"');
    expect(exported).toMatch(/<unit id="p2"[^>]*nw:version="0"[\s\S]*?<segment id="1" state="initial">\s*<source>This paragraph has no Turkish translation yet\.<\/source>\s*<\/segment>/);

    // A translator's tool fills in p2 and confirms it.
    const edited = exported.replace(
      /(<unit id="p2"[\s\S]*?)<segment id="1" state="initial">(\s*<source>[^<]*<\/source>)/,
      `$1<segment id="1" state="translated">$2\n        <target>${NEW_TEXT}</target>`,
    );
    expect(edited).not.toBe(exported);

    await page.getByTestId("xliff-import-link").click();
    await expect(page.locator("h1")).toContainText("XLIFF exchange");
    await page.getByTestId("xliff-file").setInputFiles({ name: `${STORY}.tr.xlf`, mimeType: "application/xliff+xml", buffer: Buffer.from(edited) });
    await page.getByTestId("xliff-preview").click();

    // The preview: exactly one update, the others unchanged, nothing written yet.
    const summary = page.getByTestId("xliff-summary");
    await expect(summary).toBeVisible();
    await expect(summary.getByTestId("xliff-count-update")).toHaveText("To update: 1");
    await expect(summary.getByTestId("xliff-count-unchanged")).toHaveText("Unchanged: 2");
    const row = summary.locator('[data-testid="xliff-row"][data-unit="p2"]');
    await expect(row).toHaveAttribute("data-action", "update");
    const text = row.getByTestId("xliff-new").locator('span[lang="tr"]');
    await expect(text).toHaveText(NEW_TEXT);
    await expect(text).toHaveAttribute("dir", "ltr");
    await expect(summary.getByTestId("xliff-row")).toHaveCount(1);

    await page.getByTestId("xliff-apply").click();
    const result = page.getByTestId("xliff-result");
    await expect(result).toBeVisible();
    await expect(result).toHaveAttribute("data-applied", "true");
    await expect(result.getByRole("status")).toContainText("Imported: 1 unit updated.");

    // Back in the editor, p2 holds the imported text, confirmed.
    await result.getByTestId("xliff-back-to-editor").click();
    await expect(page.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
    await wb.activate("p2");
    await expect(wb.row("p2").getByTestId("target-editor")).toHaveValue(NEW_TEXT);
    await expect(wb.status("p2")).toHaveText("Translated");
  });

  test("a file chosen before the page's script has run is still previewed", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const exported = await (await page.request.get(`/api/v1/documents/${STORY}/xliff?lang=tr&version=2.1`)).text();
    expect(exported).toContain('trgLang="tr"');
    // A slow connection: the page's scripts arrive only after the translator has chosen the file.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/chunks/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/en/workbench/${STORY}/tr/xliff`, { waitUntil: "domcontentloaded" });
    await page.getByTestId("xliff-file").setInputFiles({ name: `${STORY}.tr.xlf`, mimeType: "application/xliff+xml", buffer: Buffer.from(exported) });
    release();
    await page.getByTestId("xliff-preview").click();
    await expect(page.getByTestId("xliff-summary")).toBeVisible();
    await expect(page.getByTestId("xliff-summary").getByTestId("xliff-count-update")).toHaveText("To update: 0");
  });

  test("a hostile file is refused with a readable message, in the UI language", async ({ page }) => {
    await signInAs(page, "tr-translator");
    await page.goto(`/tr/workbench/${STORY}/tr/xliff`);
    await expect(page.locator("h1")).toContainText("XLIFF ile içe ve dışa aktarma");
    const bomb = `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="tr"><file id="f"><unit id="p2"><segment><source>&b;</source></segment></unit></file></xliff>`;
    await page.getByTestId("xliff-file").setInputFiles({ name: "bomb.xlf", mimeType: "application/xliff+xml", buffer: Buffer.from(bomb) });
    await page.getByTestId("xliff-preview").click();
    const error = page.getByTestId("xliff-error");
    await expect(error).toContainText("Gönderilen bilgilerin bir kısmı geçerli değil");
    await expect(error.locator('span[lang="en"]')).toContainText("bomb.xlf: Line 1: the DOCTYPE declares entities");
    await expect(page.getByTestId("xliff-apply")).toHaveCount(0);
  });

  test("the preview in the Sorani UI: right to left, the texts marked with their language, accessible; a preview writes nothing", async ({ page }) => {
    await signInAs(page, "tr-translator");
    await page.goto(`/ckb/workbench/${STORY}/tr/xliff`);
    await expect(page.locator("main")).toHaveAttribute("dir", "rtl");
    const file = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="tr">
  <file id="f1">
    <unit id="p1"><segment state="translated"><source>This paragraph has an approved Turkish translation.</source><target>Başka bir araçtan gelen çeviri.</target></segment></unit>
    <unit id="p9"><segment state="translated"><source>Not in this story.</source><target>Bu haberde yok.</target></segment></unit>
  </file>
</xliff>`;
    await page.getByTestId("xliff-file").setInputFiles({ name: "other-tool.xlf", mimeType: "application/xliff+xml", buffer: Buffer.from(file) });
    await page.getByTestId("xliff-preview").click();
    const summary = page.getByTestId("xliff-summary");
    await expect(summary.getByTestId("xliff-count-conflict")).toHaveText("ناکۆکی: ١");
    const conflict = summary.locator('[data-testid="xliff-row"][data-unit="p1"]');
    await expect(conflict).toHaveAttribute("data-reason", "no_version");
    await expect(conflict.locator("td").first()).toContainText("دێڕی ٤");
    await expect(conflict.getByTestId("xliff-current").locator('span[lang="tr"]')).toHaveText("Bu paragrafın onaylanmış bir Türkçe çevirisi var.");
    await expect(conflict.getByTestId("xliff-new").locator('span[lang="tr"]')).toHaveAttribute("dir", "ltr");
    await expect(summary.locator('[data-testid="xliff-row"][data-unit="p9"]')).toHaveAttribute("data-action", "unmatched");
    // Nothing to apply: no update.
    await expect(page.getByTestId("xliff-apply")).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
