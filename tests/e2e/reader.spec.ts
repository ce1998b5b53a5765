import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { STORY, StoryPage } from "./pages";

const LANGS = [
  { code: "en", dir: "ltr", title: /Idlib/, term: "Hayat Tahrir al-Sham (HTS)" },
  { code: "tr", dir: "ltr", title: /İdlib/, term: "Heyet Tahrir eş-Şam (HTŞ)" },
  { code: "ru", dir: "ltr", title: /Идлиб/, term: "«Хайят Тахрир аш-Шам» (ХТШ)" },
  { code: "ar", dir: "rtl", title: /إدلب/, term: "هيئة تحرير الشام" },
  { code: "ckb", dir: "rtl", title: /ئیدلیب/, term: "ڕێککەوتنی سۆچی" },
  { code: "kmr", dir: "ltr", title: /Îdlib/, term: "Heyeta Tehrîr Şam (HTŞ)" },
] as const;

test.describe("reader: the story in each language", () => {
  for (const l of LANGS) {
    test(`${l.code}: reads in ${l.code} with lang and dir on the page and on each segment`, async ({ page }) => {
      const story = new StoryPage(page);
      await story.goto(l.code);
      await expect(page.locator("html")).toHaveAttribute("lang", l.code);
      await expect(page.locator("html")).toHaveAttribute("dir", l.dir);
      await expect(story.title).toHaveText(l.title);
      // Visible text: glossary tooltips are hidden until a term is focused.
      await expect(page.locator("main")).toContainText(l.term, { useInnerText: true });
      const segments = page.locator("main [data-segment]");
      await expect(segments).toHaveCount(35);
      for (const key of ["s02", "s20", "s35"]) await story.expectDirection(story.segment(key), l.code, l.dir);
      await expect(story.segment("s20")).toHaveJSProperty("tagName", "H2");
    });
  }

  test("shows how many paragraphs are translated, pluralized and in the language's digits", async ({ page }) => {
    await page.goto(`/ckb/stories/${STORY}`);
    await expect(page.getByTestId("story-progress")).toHaveText("٣٤ لە ٣٤ بڕگە وەرگێڕدراون");
    await page.goto(`/ru/stories/${STORY}`);
    await expect(page.getByTestId("story-progress")).toHaveText("Переведено 34 из 34 абзацев");
  });

  test("lists the stories in the reader's language", async ({ page }) => {
    await page.goto("/tr");
    const link = page.getByTestId("story-list").getByRole("link", { name: /İdlib/ });
    await expect(link).toHaveAttribute("href", `/tr/stories/${STORY}`);
    await expect(link).toHaveAttribute("lang", "tr");
  });

  test("links every language version with hreflang alternates", async ({ page }) => {
    await page.goto(`/ar/stories/${STORY}`);
    for (const code of ["en", "tr", "ru", "ar", "ckb", "kmr", "x-default"]) {
      await expect(page.locator(`link[rel="alternate"][hreflang="${code}"]`)).toHaveAttribute("href", new RegExp(`/${code === "x-default" ? "en" : code}/stories/${STORY}$`));
    }
  });

  test("answers an unknown story with a localized 404", async ({ page }) => {
    const response = await page.goto("/ru/stories/no-such-story");
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1")).toHaveText("Страница не найдена");
  });
});

test.describe("reader: choosing the language", () => {
  test("/ follows Accept-Language when there is no cookie", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ar-IQ" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/ar$/);
    await context.close();
  });

  test("/ falls back to English for languages we do not publish in", async ({ browser }) => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await context.close();
  });

  test("switching language keeps the paragraph in view and is remembered", async ({ page }) => {
    const story = new StoryPage(page);
    await story.goto("en");
    await story.waitForSwitcher();
    await story.segment("s20").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await expect(story.switchTo("ckb")).toHaveAttribute("href", `/ckb/stories/${STORY}#s20`);
    await story.switchTo("ckb").click();
    await expect(page).toHaveURL(new RegExp(`/ckb/stories/${STORY}#s20$`));
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(await story.isInViewport(story.segment("s20"))).toBe(true);
    expect(await story.isInViewport(story.segment("s02"))).toBe(false);

    await page.goto("/");
    await expect(page).toHaveURL(/\/ckb$/);
  });
});

test.describe("reader: parallel view", () => {
  test("puts English and the chosen translations side by side, rows aligned", async ({ page }) => {
    const story = new StoryPage(page);
    await story.goto("en");
    await page.getByTestId("compare-tr").check();
    await page.getByTestId("compare-ar").check();
    await page.getByTestId("compare-submit").click();
    await expect(page).toHaveURL(/compare=tr&compare=ar/);
    const rows = story.parallelTable.locator("tbody tr");
    await expect(rows).toHaveCount(35);
    for (const key of ["s01", "s07", "s20", "s27", "s35"]) {
      const cells = story.segment(key).locator("td");
      await expect(cells).toHaveCount(3);
      const tops = await cells.evaluateAll((tds) => tds.map((td) => Math.round(td.getBoundingClientRect().top)));
      expect(new Set(tops).size, `row ${key} tops ${tops}`).toBe(1);
      await expect(cells.nth(0)).toHaveAttribute("lang", "en");
      await expect(cells.nth(1)).toHaveAttribute("lang", "tr");
      await expect(cells.nth(2)).toHaveAttribute("lang", "ar");
      await expect(cells.nth(2)).toHaveAttribute("dir", "rtl");
    }
  });

  test("lines up all six languages, Kurmanji's ltr cells beside the rtl Arabic and Sorani ones", async ({ page }) => {
    test.slow();
    const story = new StoryPage(page);
    await story.goto("kmr");
    await story.waitForSwitcher();
    await expect(story.switchTo("kmr")).toHaveText("Kurmancî");
    for (const code of ["tr", "ru", "ar", "ckb"]) await page.getByTestId(`compare-${code}`).check();
    await page.getByTestId("compare-submit").click();
    await expect(page).toHaveURL(/compare=tr&compare=ru&compare=ar&compare=ckb/);
    const rows = story.parallelTable.locator("tbody tr");
    await expect(rows).toHaveCount(35);
    const expected = [
      ["en", "ltr"],
      ["kmr", "ltr"],
      ["tr", "ltr"],
      ["ru", "ltr"],
      ["ar", "rtl"],
      ["ckb", "rtl"],
    ];
    const header = story.parallelTable.locator("thead th");
    await expect(header).toHaveCount(6);
    for (const key of ["s01", "s07", "s20", "s35"]) {
      const cells = story.segment(key).locator("td");
      await expect(cells).toHaveCount(6);
      const tops = await cells.evaluateAll((tds) => tds.map((td) => Math.round(td.getBoundingClientRect().top)));
      expect(new Set(tops).size, `row ${key} tops ${tops}`).toBe(1);
      const langs = await cells.evaluateAll((tds) => tds.map((td) => [td.getAttribute("lang"), getComputedStyle(td).direction]));
      expect(langs.map(([l]) => l).sort()).toEqual(expected.map(([l]) => l).sort());
      for (const [lang, dir] of langs) expect(dir, `${key} ${lang}`).toBe(expected.find(([l]) => l === lang)![1]);
    }
    await expect(story.segment("s01").locator('td[lang="kmr"]')).toContainText("Îdlib");
  });

  test("stacks each paragraph's versions on a narrow screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`/en/stories/${STORY}?compare=ru`);
    const cells = page.locator('[data-segment="s05"] td');
    const boxes = await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
    expect(boxes[1]!.top).toBeGreaterThanOrEqual(boxes[0]!.bottom - 1);
  });

  test("keeps the chosen translations when switching the UI language", async ({ page }) => {
    const story = new StoryPage(page);
    await story.goto("en", "?compare=ckb");
    await story.switchTo("tr").click();
    await expect(page).toHaveURL(/\/tr\/stories\/idlib-2020-02-28\?compare=ckb/);
    await expect(story.parallelTable).toBeVisible();
  });
});

test.describe("reader: untranslated fallback", () => {
  test("shows the English text marked as not yet translated, with lang=en", async ({ page }) => {
    await page.goto("/tr/stories/e2e-partial-story");
    const translated = page.locator('[data-segment="p1"]');
    const fallback = page.locator('[data-segment="p2"]');
    await expect(translated).toHaveAttribute("lang", "tr");
    await expect(fallback).toHaveAttribute("lang", "en");
    await expect(fallback).toHaveAttribute("dir", "ltr");
    await expect(fallback).toHaveAttribute("data-translated", "false");
    await expect(fallback).toContainText("This paragraph has no Turkish translation yet.");
    await expect(fallback.locator(".badge")).toHaveText("Henüz çevrilmedi");
    await expect(fallback.locator(".badge")).toHaveAttribute("lang", "tr");
    await expect(page.getByTestId("story-progress")).toHaveText("2 paragraftan 1 tanesi çevrildi");
  });

  test("falls back in the parallel view too", async ({ page }) => {
    await page.goto("/en/stories/e2e-partial-story?compare=tr");
    const cell = page.locator('[data-segment="p2"] td[data-lang="tr"]');
    await expect(cell).toHaveAttribute("lang", "en");
    await expect(cell.locator(".badge")).toHaveText("Not yet translated");
  });
});

test.describe("reader without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("renders the whole story from the server and the parallel form still works", async ({ page }) => {
    const story = new StoryPage(page);
    await story.goto("ar");
    await expect(story.title).toContainText("إدلب");
    await expect(page.locator("main [data-segment]")).toHaveCount(35);
    await page.getByTestId("compare-submit").click();
    await expect(page).toHaveURL(/compare=ar/);
    await expect(story.parallelTable.locator("tbody tr")).toHaveCount(35);
  });
});

test.describe("print", () => {
  test("hides navigation and forms when printed", async ({ page }) => {
    await page.goto(`/ru/stories/${STORY}`);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("language-switcher")).toBeHidden();
    await expect(page.getByTestId("compare-form")).toBeHidden();
    await expect(page.locator("h1")).toBeVisible();
  });
});

test.describe("accessibility (axe-core)", () => {
  const pages = ["/en", "/ckb", "/kmr", `/kmr/stories/${STORY}`, `/en/stories/${STORY}`, `/tr/stories/${STORY}`, `/ru/stories/${STORY}`, `/ar/stories/${STORY}`, `/ckb/stories/${STORY}`, `/ar/stories/${STORY}?compare=tr&compare=ar&compare=ckb`, "/tr/stories/e2e-partial-story"];
  for (const path of pages) {
    test(`${path} has no serious or critical violation`, async ({ page }) => {
      test.slow();
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
});
