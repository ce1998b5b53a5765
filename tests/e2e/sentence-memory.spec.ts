import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

// Issue 15: sentences of approved Idlib paragraphs (s06, s11) are found on their own.
const S06_FIRST_TR = "Türkiye, saldırının arkasında Devlet Başkanı Beşar Esad yönetimindeki Suriye rejiminin olduğunu düşünüyor.";
const S11_SECOND_TR = "Türkiye, mutabakat çerçevesinde İdlib'de 12 askeri gözlem noktası kurdu.";

test.describe("sentence-level memory in the editor", () => {
  test("a new paragraph made of two sentences of the Idlib story gets both, and assemble drafts them", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", "e2e-sentence-story");
    await wb.activate("m1");
    const panel = page.getByTestId("sentence-memory");
    const groups = panel.getByTestId("sentence-group");
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0).getByTestId("sentence-match").first()).toHaveAttribute("data-score", "100");
    await expect(groups.nth(0).getByTestId("sentence-match-target").first()).toHaveText(S06_FIRST_TR);
    await expect(groups.nth(0).getByTestId("sentence-match-target").first()).toHaveAttribute("lang", "tr");
    await expect(groups.nth(1).getByTestId("sentence-match-target").first()).toHaveText(S11_SECOND_TR);
    await panel.getByTestId("sentence-assemble").click();
    await expect(wb.editor).toHaveValue(`${S06_FIRST_TR} ${S11_SECOND_TR}`);
    await expect(panel.getByTestId("sentence-assembled")).toBeVisible();
  });

  test("a sentence without a match is marked and left out of the assembled draft; phrases found in the memory are listed", async ({ page }) => {
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", "e2e-sentence-story");
    await wb.activate("m2");
    const panel = page.getByTestId("sentence-memory");
    const groups = panel.getByTestId("sentence-group");
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toHaveAttribute("data-matched", "false");
    await expect(groups.nth(0).getByTestId("sentence-unmatched")).toBeVisible();
    await expect(groups.nth(1).getByTestId("sentence-match-target").first()).toHaveText(S11_SECOND_TR);
    await expect(panel.getByTestId("memory-fragment").first().locator("mark").first()).toContainText("Turkey established 12 military observation posts inside Idlib");
    await panel.getByTestId("sentence-assemble").click();
    await expect(wb.editor).toHaveValue(S11_SECOND_TR);
  });
});
