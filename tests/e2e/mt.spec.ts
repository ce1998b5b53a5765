import { expect, test, type Locator, type Page } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

// The test server (scripts/serve-test.mjs) points the app at two stand-ins from tests/stubs/mt:
// DeepL, which applies the glossary synced to it, and an OpenAI-compatible engine that ignores the
// approved terms of its prompt. Both answer after a delay, so a pre-translation can be watched.
// Only Russian is routed to them.

/** The machine-translation panel of the editor's side panel. */
class MtPanelPage {
  constructor(readonly page: Page) {}

  suggestion(provider: string): Locator {
    return this.page.getByTestId("mt-panel").getByTestId(`mt-suggestion-${provider}`);
  }
}

/** The pre-translation controls of the workbench's toolbar. */
class PretranslatePage {
  constructor(readonly page: Page) {}

  get job(): Locator {
    return this.page.getByTestId("pretranslate-job");
  }

  get progress(): Locator {
    return this.page.getByTestId("pretranslate-progress");
  }

  async open() {
    await this.page.getByTestId("pretranslate-open").click();
    await expect(this.page.getByTestId("pretranslate")).toBeVisible();
  }

  async start({ threshold, providers }: { threshold: number; providers: Record<string, boolean> }) {
    await this.page.getByTestId("pretranslate-threshold").fill(String(threshold));
    for (const [id, on] of Object.entries(providers)) await this.page.getByTestId(`pretranslate-provider-${id}`).setChecked(on);
    await this.page.getByTestId("pretranslate-start").click();
  }

  /** Segments done so far, beyond those the memory filled. */
  async translatedByMt(): Promise<number> {
    const [done, memory] = await Promise.all([this.progress.getAttribute("data-done"), this.job.getAttribute("data-memory")]);
    return Number(done) - Number(memory);
  }

  count(item: string): Promise<number> {
    return this.page.getByTestId(item).getAttribute("data-count").then(Number);
  }
}

test.describe("machine translation in the editor", () => {
  test("a translator sees suggestions from two engines, the glossary error marked; inserts one, saves, and the history shows where it came from", async ({ page }) => {
    await signInAs(page, "ru-translator");
    const wb = new WorkbenchPage(page);
    const mt = new MtPanelPage(page);
    await wb.goto("ru", "e2e-mt-story");
    await wb.activate("p1");

    const deepl = mt.suggestion("deepl");
    const llm = mt.suggestion("openai");
    // DeepL got the approved term through its glossary; the LLM ignored it, and the panel says so.
    await expect(deepl).toContainText("прекращени");
    await expect(deepl.getByTestId("mt-missing-term")).toHaveCount(0);
    await expect(llm).toContainText("[llm] The ceasefire held");
    await expect(llm).toHaveAttribute("data-has-errors", "true");
    await expect(llm.getByTestId("mt-missing-term")).toContainText("прекращени");
    await expect(llm.getByTestId("mt-missing-term").locator("bdi")).toHaveAttribute("lang", "ru");

    // The shortcut of the second suggestion, then the button of the first: the last one put in counts.
    await wb.editor.focus();
    const second = (await page.getByTestId("mt-panel").locator("li[data-testid^=mt-suggestion-]").nth(1).locator("p[lang=ru]").textContent())!;
    await page.keyboard.press("Alt+Shift+Digit7");
    await expect(wb.editor).toHaveValue(second);
    const chosen = (await deepl.locator("p[lang=ru]").textContent())!;
    await deepl.getByTestId("mt-insert").click();
    await expect(wb.editor).toHaveValue(chosen);
    // Saved as a draft after a pause (nothing from MT is confirmed without a person).
    await expect(wb.row("p1").getByTestId("save-state")).toHaveText("Saved");
    await expect(wb.row("p1")).toHaveAttribute("data-status", "draft");

    const origin = page.getByTestId("history").getByTestId("revision-origin").first();
    await expect(origin).toHaveAttribute("data-origin", "mt");
    await expect(origin).toContainText("deepl");
  });
});

test.describe("the side panel with machine translation on", () => {
  test("moving between segments leaves one memory panel and one MT panel, both for the active segment", async ({ page }) => {
    await signInAs(page, "ru-translator");
    const wb = new WorkbenchPage(page);
    const mt = new MtPanelPage(page);
    await wb.goto("ru", "e2e-mt-story");
    await wb.activate("p1");
    await expect(mt.suggestion("deepl")).toBeVisible();
    await wb.activate("p2");
    const p2 = (await wb.row("p2").locator("[data-source-of]").textContent())!;
    // The memory panel and the MT panel are siblings keyed by segment: they once shared a key, and
    // React kept the first segment's memory panel beside the new one.
    await expect(page.getByTestId("memory-panel")).toHaveCount(1);
    await expect(page.getByTestId("mt-panel")).toHaveCount(1);
    await expect(mt.suggestion("openai")).toContainText(`[llm] ${p2.trim().slice(0, 12)}`);
    await wb.activate("p1");
    await expect(page.getByTestId("memory-panel")).toHaveCount(1);
    await expect(page.getByTestId("mt-panel")).toHaveCount(1);
  });
});

test.describe("pre-translation from the workbench", () => {
  test("a translator pre-translates a document: progress, cancel, drafts in the editor, then a run to the end with the report of what came from where", async ({ page }) => {
    test.slow();
    await signInAs(page, "ru-translator");
    const wb = new WorkbenchPage(page);
    const pre = new PretranslatePage(page);
    await wb.goto("ru", "e2e-mt-long-story");
    await pre.open();

    // The memory first (exact matches only: none in Russian), then the slow LLM stand-in.
    await pre.start({ threshold: 100, providers: { deepl: false, openai: true } });
    await expect(pre.job).toHaveAttribute("data-state", "running");
    await expect.poll(() => pre.translatedByMt(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByTestId("pretranslate-cancel").click();
    await expect(pre.job).toHaveAttribute("data-state", "cancelled");
    const done = Number(await pre.progress.getAttribute("data-done"));
    const total = Number(await pre.progress.getAttribute("data-total"));
    expect(done).toBeLessThan(total);
    await expect(page.getByTestId("pretranslate-report")).toBeVisible();
    expect(await pre.count("report-memory")).toBe(0);
    expect(await pre.count("report-mt-openai")).toBeGreaterThan(0);

    // Again with DeepL: what is still empty gets filled, to the end.
    await pre.start({ threshold: 100, providers: { deepl: true, openai: false } });
    await expect(pre.job).toHaveAttribute("data-state", "done", { timeout: 30_000 });
    await expect(pre.progress).toHaveAttribute("data-done", String(await pre.progress.getAttribute("data-total")));
    expect(await pre.count("report-mt-deepl")).toBeGreaterThan(0);
    expect(await pre.count("report-none")).toBe(0);
    await expect(page.getByTestId("report-mt-deepl")).toContainText("DeepL");
    // The drafts are in the editor.
    await expect(wb.row("p1")).toHaveAttribute("data-status", "draft");
  });
});
