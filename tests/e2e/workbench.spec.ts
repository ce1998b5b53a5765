import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const SEG = (key: string) => `seg_e2e-workbench-story_${key}`;

test.describe("translator workbench", () => {
  test("lists documents with progress per language", async ({ page }) => {
    await signInAs(page, "tr-translator");
    await page.goto("/en/workbench");
    const row = page.getByTestId("progress-idlib-2020-02-28-ar");
    await expect(row.getByTestId("count-approved")).toHaveText(/Approved: 35/);
    await page.getByTestId("open-e2e-workbench-story-tr").click();
    await expect(page).toHaveURL(/\/en\/workbench\/e2e-workbench-story\/tr$/);
  });

  test("a translator types, confirms with Ctrl+Enter, moves on, and finds the text after a reload", async ({ page }) => {
    test.slow(); // several pages and contexts
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr");
    await expect(wb.editor).toHaveAttribute("lang", "tr");
    await wb.type("p1", "Konsey cuma günü toplandı.");
    await page.keyboard.press("Control+Enter");
    await expect(wb.status("p1")).toHaveText("Translated");
    // The next segment that needs work is now active.
    await expect(page.getByTestId("target-editor")).toBeVisible();
    await expect(wb.row("p1").getByTestId("target-editor")).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
    await expect(wb.row("p1").getByTestId("target-text")).toHaveText("Konsey cuma günü toplandı.");
    await expect(wb.status("p1")).toHaveText("Translated");
  });

  test("the Arabic-script editor is right-to-left", async ({ page }) => {
    await signInAs(page, "ckb-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("ckb");
    await wb.activate("p6");
    await expect(wb.editor).toHaveAttribute("dir", "rtl");
    await expect(wb.editor).toHaveAttribute("lang", "ckb");
    expect(await wb.editor.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  });

  test("two people on one segment: the second save gets the conflict view, nothing is overwritten", async ({ browser }) => {
    test.slow(); // several pages and contexts
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pa = await a.newPage();
    const pb = await b.newPage();
    await signInAs(pa, "tr-translator");
    await signInAs(pb, "tr-reviewer");
    const wa = new WorkbenchPage(pa);
    const wbk = new WorkbenchPage(pb);
    await wa.goto("tr");
    await wbk.goto("tr");
    // B stops the live update from reaching it, as if it had loaded just before A saved.
    await pb.route("**/events?**", (route) => route.abort());
    await wbk.page.reload();
    await expect(pb.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
    await wa.type("p2", "İki gemi limandan ayrıldı.");
    await expect(wa.row("p2").getByTestId("save-state")).toHaveText("Saved");
    await wbk.type("p2", "Limandan iki gemi çıktı.");
    const dialog = pb.getByTestId("conflict-dialog");
    await expect(dialog).toBeVisible();
    await expect(pb.getByTestId("conflict-mine")).toHaveText("Limandan iki gemi çıktı.");
    await expect(pb.getByTestId("conflict-theirs")).toHaveText("İki gemi limandan ayrıldı.");
    await pb.getByTestId("conflict-merge").click();
    await pb.getByTestId("conflict-merged").fill("İki gemi limandan ayrıldı (birleştirildi).");
    await pb.getByTestId("conflict-save-merged").click();
    await expect(dialog).toBeHidden();
    const { revisions } = await (await pb.request.get(`/api/v1/translations/${SEG("p2")}/tr/revisions`)).json();
    expect(revisions.map((r: { text: string }) => r.text)).toEqual(["İki gemi limandan ayrıldı.", "İki gemi limandan ayrıldı (birleştirildi)."]);
    await a.close();
    await b.close();
  });

  test("a live change and who is editing reach a second browser without reloading", async ({ browser }) => {
    test.slow(); // several pages and contexts
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pa = await a.newPage();
    const pb = await b.newPage();
    await signInAs(pa, "ru-translator");
    await signInAs(pb, "admin");
    const wa = new WorkbenchPage(pa);
    const wbk = new WorkbenchPage(pb);
    await wbk.goto("ru");
    await wa.goto("ru");
    await wa.type("p3", "Переговоры длились три часа.");
    await expect(wbk.row("p3").getByTestId("target-text")).toHaveText("Переговоры длились три часа.");
    await expect(wbk.status("p3")).toHaveText("Draft");
    // B sees who is on which segment.
    await expect(wbk.row("p3").getByTestId("presence")).toContainText("Ольга Смирнова");
    await expect(wbk.row("p3").getByTestId("presence")).toHaveAttribute("data-editing", "true");
    await a.close();
    await b.close();
  });

  test("text typed while the server is unreachable survives a reload and is saved when it returns", async ({ page }) => {
    test.slow(); // several pages and contexts
    await signInAs(page, "ar-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("ar");
    await page.route("**/api/v1/translations/**", (route) => route.abort("connectionrefused"));
    await wb.type("p4", "صدر بيان في المساء.");
    await expect(page.getByTestId("offline-notice")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("recovery")).toBeVisible();
    await page.unroute("**/api/v1/translations/**");
    await page.getByTestId("recovery-restore").click();
    await expect(wb.row("p4").getByTestId("target-text")).toHaveText("صدر بيان في المساء.");
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/translations/${SEG("p4")}/ar/revisions`)).json()).revisions.map((r: { text: string }) => r.text))
      .toEqual(["صدر بيان في المساء."]);
    await page.reload();
    await expect(page.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("recovery")).toHaveCount(0);
  });

  test("a reviewer's approval reaches the public page only through a published edition", async ({ page, browser }) => {
    test.slow(); // several pages and contexts
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr");
    await wb.type("p5", "Yetkililer yorum yapmaktan kaçındı.");
    await page.keyboard.press("Control+Enter");
    await expect(wb.status("p5")).toHaveText("Translated");

    const reader = await browser.newPage();
    await reader.goto("/tr/stories/e2e-workbench-story");

    const reviewer = await browser.newContext();
    const rp = await reviewer.newPage();
    await signInAs(rp, "tr-reviewer");
    const rw = new WorkbenchPage(rp);
    await rw.goto("tr");
    await rw.activate("p5");
    await rw.row("p5").getByTestId("approve").click();
    await expect(rw.status("p5")).toHaveText("Approved");

    // Approved is not published: readers see the published edition (none in Turkish here), never the live text.
    await reader.reload();
    await expect(reader.locator("main")).toBeVisible();
    await expect(reader.getByText("Yetkililer yorum yapmaktan kaçındı.")).toHaveCount(0);
    await reviewer.close();
  });

  test("a reader cannot open the editor, and a translator cannot edit another language", async ({ page }) => {
    await page.goto("/en/workbench/e2e-workbench-story/tr");
    await expect(page).toHaveURL(/\/en\/sign-in\?next=/);
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("ru");
    await wb.row("p1").click();
    await expect(page.getByTestId("target-editor")).toHaveCount(0);
    const res = await page.request.put(`/api/v1/translations/${SEG("p1")}/ru`, { data: { text: "x", status: "draft", baseVersion: 0 }, headers: { origin: ORIGIN } });
    expect(res.status()).toBe(403);
  });

  test("keyboard: ? lists the shortcuts, Alt+4 filters approved segments, Alt+↓ moves on", async ({ page }) => {
    await signInAs(page, "admin");
    const wb = new WorkbenchPage(page);
    await wb.goto("ckb", "idlib-2020-02-28");
    await page.keyboard.press("?");
    await expect(page.getByTestId("help-dialog")).toBeVisible();
    await expect(page.getByTestId("help-dialog")).toContainText("Ctrl+Enter");
    await page.getByTestId("help-close").click();
    await expect(page.getByTestId("help-dialog")).toHaveCount(0);
    await page.keyboard.press("Alt+4");
    await expect(page.getByTestId("filter-approved")).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Alt+0");
    await expect(page.getByTestId("filter-all")).toHaveAttribute("aria-pressed", "true");
    await wb.activate("s02");
    await page.keyboard.press("Alt+ArrowDown");
    await expect(wb.row("s03").getByTestId("target-editor")).toBeVisible();
    await expect(wb.row("s03").getByTestId("target-editor")).toBeFocused();
  });

  test("the editor has no serious accessibility violation", async ({ page }) => {
    test.slow();
    await signInAs(page, "ar-reviewer");
    const wb = new WorkbenchPage(page);
    await wb.goto("ar", "idlib-2020-02-28", "ar");
    await wb.activate("s03");
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

test.describe("comments in the editor", () => {
  test("a translator starts a thread and a reply on a segment; both come back from the server's first page after a reload", async ({ page }) => {
    test.slow();
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr");
    await wb.activate("p6");
    const comments = page.getByTestId("comments");
    await comments.getByTestId("comment-body").fill("Is the province named the same way elsewhere?");
    await comments.getByTestId("comment-send").click();
    const thread = comments.getByTestId("comment-thread").filter({ hasText: "Is the province named the same way elsewhere?" });
    await expect(thread).toHaveCount(1);
    await thread.locator('input[name="body"]').fill("Yes, check the glossary.");
    await thread.locator('input[name="body"]').press("Enter");
    await expect(thread).toContainText("Yes, check the glossary.");
    await wb.goto("tr");
    await wb.activate("p6");
    await expect(page.getByTestId("comments").getByTestId("comment-thread").filter({ hasText: "Is the province named the same way elsewhere?" })).toContainText("Yes, check the glossary.");
    await expect(page.getByTestId("comments-more")).toHaveCount(0);
  });
});

test.describe("a 2,000-segment document", () => {
  test("renders a window of rows, finds a late segment, and typing re-renders only the row being edited", async ({ page }) => {
    test.slow(); // several pages and contexts
    await signInAs(page, "tr-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", "e2e-long-story");
    await expect(page.getByTestId("shown-count")).toHaveText("1,998 segments shown");
    expect(await page.locator('[data-testid^="segment-p"], [data-testid="segment-title"]').count()).toBeLessThan(60);

    await page.getByTestId("filter-untranslated").click();
    await expect(page.getByTestId("shown-count")).toHaveText("999 segments shown");
    await page.getByTestId("filter-all").click();
    await page.getByTestId("filter-text").fill("Welsh Parliament");
    await expect(wb.row("p3")).toBeVisible();
    await page.getByTestId("filter-text").fill("");
    await page.keyboard.press("Alt+1");
    await wb.activate("p2");

    const before = await page.locator("[data-renders]").evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute("data-testid"), Number(r.getAttribute("data-renders"))])));
    await wb.row("p2").getByTestId("target-editor").pressSequentially("Galler Parlamentosu", { delay: 20 });
    const after = await page.locator("[data-renders]").evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute("data-testid"), Number(r.getAttribute("data-renders"))])));
    const rerendered = Object.keys(before).filter((k) => after[k] !== undefined && after[k] !== before[k]);
    expect(rerendered).toEqual(["segment-p2"]);
    expect(after["segment-p2"]! - before["segment-p2"]!).toBeGreaterThanOrEqual(19);
  });
});

test.describe("glossary in the editor", () => {
  test("source terms are highlighted; the panel says which target terms are used; a click or Ctrl+Shift+1 inserts one", async ({ page }) => {
    test.slow();
    await signInAs(page, "ar-translator");
    const wb = new WorkbenchPage(page);
    await wb.goto("ar", "idlib-2020-02-28");
    await wb.activate("s11");
    const row = wb.row("s11");
    await expect(row.getByTestId("source-term").filter({ hasText: "Sochi deal" })).toBeVisible();
    const sochi = page.getByTestId("glossary-sochi-deal");
    await expect(sochi).toContainText("اتفاق سوتشي");
    // The approved translation already uses the term (with a clitic).
    await expect(sochi).toHaveAttribute("data-present", "true");

    const editor = row.getByTestId("target-editor");
    await editor.fill("وبموجب");
    await expect(sochi).toHaveAttribute("data-present", "false");
    await editor.press("End");
    await editor.pressSequentially(" ");
    await sochi.getByTestId("glossary-insert").first().click();
    await expect(editor).toHaveValue("وبموجب اتفاق سوتشي");
    await expect(sochi).toHaveAttribute("data-present", "true");

    await editor.fill("");
    await editor.press("Control+Shift+Digit1");
    const first = await page.getByTestId("glossary-panel").locator("ol > li").first().locator("ul li span").first().textContent();
    await expect(editor).toHaveValue(first!);
  });
});
