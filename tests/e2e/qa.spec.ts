import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

const STORY = "e2e-qa-story";

test.describe("quality checks in the editor", () => {
  test("a wrong number shows live; the error blocks confirming until it is fixed", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", STORY);
    await wb.type("q1", "Perşembe günü en az 34 Türk askeri hayatını kaybetti.");
    // 33 is missing and 34 is extra.
    const issue = page.getByTestId("qa-panel").locator('[data-testid="qa-issue"][data-check="numbers"]');
    await expect(issue).toHaveCount(2);
    await expect(issue.first()).toHaveAttribute("data-severity", "error");
    await expect(issue.first()).toContainText("33");
    await expect(issue.locator("q")).toHaveText("34");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByTestId("wb-notice")).toContainText("Quality checks found errors");
    await expect(wb.status("q1")).not.toHaveText("Translated");
    // Fixing the number clears the issue, and the text can be confirmed.
    await wb.editor.fill("Perşembe günü en az 33 Türk askeri hayatını kaybetti.");
    await expect(issue).toHaveCount(0);
    await page.keyboard.press("Control+Enter");
    await expect(wb.status("q1")).toHaveText("Translated");
  });

  test("a reviewer overrides an error with a reason; a time written the Russian way is no error", async ({ page }) => {
    await signInAs(page, "admin");
    const wb = new WorkbenchPage(page);
    await wb.goto("ru", STORY);
    await wb.type("q2", "Удар был нанесён в 19:28.");
    await expect(page.getByTestId("qa-panel").locator('[data-check="numbers"]')).toHaveCount(0);
    await wb.editor.fill("Удар был нанесён вечером.");
    await expect(page.getByTestId("qa-panel").locator('[data-check="numbers"]')).toBeVisible();
    await page.getByTestId("qa-override-reason").fill("Время указано в заголовке.");
    await page.getByTestId("qa-override-confirm").click();
    await expect(wb.status("q2")).toHaveText("Translated");
  });

  test("the QA report lists each issue and links to its segment in the editor", async ({ page }) => {
    await signInAs(page, "ar-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("ar", STORY);
    await wb.type("q1", "قُتل ما لا يقل عن ٣٤ جنديًا تركيًا يوم الخميس.");
    await expect(wb.row("q1").getByTestId("save-state")).toHaveText("Saved");
    await page.getByTestId("qa-report-link").click();
    const row = page.locator('[data-testid="qa-report-issue"][data-check="numbers"][data-segment="q1"]').filter({ has: page.locator("q") });
    await expect(row).toBeVisible();
    await expect(row.locator("q")).toHaveText("٣٤");
    await expect(row.locator('td[lang="ar"]')).toHaveAttribute("dir", "rtl");
    await row.getByTestId("qa-report-segment").click();
    await expect(page.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
    await expect(wb.row("q1").getByTestId("target-editor")).toBeVisible();
    await expect(wb.row("q1").getByTestId("target-editor")).toHaveValue("قُتل ما لا يقل عن ٣٤ جنديًا تركيًا يوم الخميس.");
  });
});
