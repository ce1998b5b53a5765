import { expect, test } from "@playwright/test";
import { WorkbenchPage, signInAs, walkPager } from "./pages";

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

test.describe("glossary without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("readers page through the concepts with next and previous links, filters kept", async ({ page }) => {
    test.slow();
    const { first, second } = await walkPager(page, "/en/glossary?limit=5", '[data-testid="glossary-table"] tbody tr', "glossary-pager");
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(second.some((k) => first.includes(k))).toBe(false);
    const organisations = await walkPager(page, "/en/glossary?subject=organisation&limit=2", '[data-testid="glossary-table"] tbody tr', "glossary-pager");
    expect(organisations.second.length).toBeGreaterThan(0);
    await expect(page).toHaveURL(/subject=organisation/);
  });
});

test.describe("glossary from the editor", () => {
  test("a translator proposes a new concept from a selection in the editor; once reviewed, the editor marks it and the reader's tooltip shows it", async ({ browser }) => {
    test.slow();
    const tc = await browser.newContext();
    const translator = await tc.newPage();
    await signInAs(translator, "tr-translator");
    const wb = new WorkbenchPage(translator);
    await wb.goto("tr", "idlib-2020-02-28");
    await wb.activate("s23");
    await expect(wb.row("s23").locator('[data-testid="source-term"][data-concept="kremlin"]')).toHaveText("Kremlin");
    // Select "press service" in the source and "basın servisi" in the translation.
    await wb.row("s23").locator("[data-source-of]").evaluate((el, words) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(words);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + words.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`"${words}" is not in the source`);
    }, "press service");
    await wb.editor.evaluate((el: HTMLTextAreaElement, words) => {
      const at = el.value.indexOf(words);
      if (at < 0) throw new Error(`"${words}" is not in the target`);
      el.setSelectionRange(at, at + words.length);
    }, "basın servisi");
    await translator.getByTestId("propose-selection-open").click();
    await expect(translator.getByTestId("propose-english")).toHaveValue("press service");
    await expect(translator.getByTestId("propose-term")).toHaveValue("basın servisi");
    await expect(translator.getByTestId("propose-concept-target")).toHaveValue("new");
    await translator.getByTestId("propose-definition").fill("The office that speaks to journalists for a government or leader, such as the Kremlin's.");
    await translator.getByTestId("propose-concept-submit").click();
    await expect(translator.getByTestId("propose-concept-status")).toHaveText("Proposal sent for review.");

    // The tr reviewer approves the Turkish term; an admin approves the English one.
    const rc = await browser.newContext();
    const reviewer = await rc.newPage();
    await signInAs(reviewer, "tr-reviewer");
    await reviewer.goto("/en/glossary/press-service");
    await expect(reviewer.getByTestId("term-en-proposed").getByTestId("term-approve")).toHaveCount(0);
    await reviewer.getByTestId("term-tr-proposed").getByTestId("term-approve").click();
    await expect(reviewer.getByTestId("term-tr-approved")).toContainText("basın servisi");
    const ac = await browser.newContext();
    const admin = await ac.newPage();
    await signInAs(admin, "admin");
    await admin.goto("/en/glossary/press-service");
    await admin.getByTestId("term-en-proposed").getByTestId("term-approve").click();
    await expect(admin.getByTestId("term-en-approved")).toContainText("press service");
    // Admins edit the concept; the edit is in its history.
    await admin.getByTestId("concept-edit-open").click();
    await admin.getByTestId("concept-definition").fill("The office that briefs journalists for a government or a leader, such as the Kremlin press service.");
    await admin.getByTestId("concept-save").click();
    await expect(admin.getByTestId("concept-edit-status")).toHaveText("Concept saved.");
    await expect(admin.getByTestId("concept-history")).toContainText("Concept edited");

    await wb.goto("tr", "idlib-2020-02-28");
    await wb.activate("s23");
    await expect(wb.row("s23").locator('[data-testid="source-term"][data-concept="press-service"]')).toHaveText("press service");
    await expect(translator.getByTestId("glossary-press-service")).toHaveAttribute("data-present", "true");

    const reader = await browser.newPage();
    await reader.goto("/tr/stories/idlib-2020-02-28");
    const term = reader.locator('[data-segment="s23"] [data-testid="reader-term"][data-concept="press-service"]');
    await expect(term).toHaveText("basın servisi");
    await term.focus();
    const tip = reader.locator(`#${await term.getAttribute("aria-describedby")}`);
    await expect(tip).toBeVisible();
    await expect(tip).toContainText("briefs journalists");
    await expect(tip.locator('[lang="en"]').last()).toHaveText("press service");
    await tc.close();
    await rc.close();
    await ac.close();
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

  test("tooltips open on hover, stay open while the pointer is on them, and close with Escape", async ({ page }) => {
    await page.goto("/ckb/stories/idlib-2020-02-28");
    const term = page.locator('[data-segment="s02"] [data-testid="reader-term"]').first();
    const tip = page.locator(`#${await term.getAttribute("aria-describedby")}`);
    await term.hover();
    await expect(tip).toBeVisible();
    // Placed under its term.
    const [t, b] = [(await term.boundingBox())!, (await tip.boundingBox())!];
    expect(Math.abs(b.y - (t.y + t.height))).toBeLessThan(2);
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await expect(tip).toBeVisible();
    await page.keyboard.press("Escape");
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

test.describe("glossary import and export", () => {
  test("an admin checks a glossary file, imports it, sees a bad one refused with its lines, and the real Kurmanji list read as Kurmanji", async ({ page }) => {
    test.slow();
    await signInAs(page, "admin");
    await page.goto("/en/glossary");
    await expect(page.getByTestId("glossary-export-tbx")).toHaveAttribute("href", "/api/v1/glossary/export?format=tbx");
    const form = page.getByTestId("glossary-import");
    await page.getByTestId("glossary-transfer").locator("summary").click();
    // A small file, so that other tests' glossaries stay as they are (the real termbases are imported in tests/api).
    const csv = "conceptId,lang,text\r\nsandstorm-e2e,en,sandstorm\r\nsandstorm-e2e,tr,kum fırtınası\r\n";
    await page.getByTestId("glossary-import-file").setInputFiles({ name: "sandstorm.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByTestId("glossary-import-run")).toBeDisabled();
    await page.getByTestId("glossary-import-check").click();
    await expect(form.getByTestId("glossary-import-summary")).toContainText("Nothing has been imported yet");
    await page.getByTestId("glossary-import-run").click();
    await expect(form.getByTestId("glossary-import-summary")).toContainText("Imported");
    await page.goto(`/en/glossary?q=${encodeURIComponent("KUM FIRTINASI")}`);
    await expect(page.getByTestId("concept-sandstorm-e2e").locator('td[lang="tr"]')).toHaveText("kum fırtınası");

    await page.goto("/en/glossary");
    await page.getByTestId("glossary-transfer").locator("summary").click();
    // Sorani written in Latin letters is refused, with its line, and nothing is imported.
    const bad = "conceptId,lang,text\r\nbronchitis-e2e,en,bronchitis\r\nbronchitis-e2e,ckb,bronşît\r\n";
    await page.getByTestId("glossary-import-file").setInputFiles({ name: "sorani-in-latin.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.getByTestId("glossary-import-check").click();
    const problems = page.getByTestId("glossary-import-problems");
    await expect(problems).toContainText("nothing was imported");
    await expect(problems.locator("li").first()).toContainText("Line 3");
    // The real TICO-19 Kurmanji list (Latin script under a Sorani tag) is read as Kurmanji, with a note.
    await page.getByTestId("glossary-import-file").setInputFiles("tests/fixtures/tico19/terminologies/f_en-cb_IQ.csv");
    await page.getByTestId("glossary-import-check").click();
    await expect(form.getByTestId("glossary-import-summary")).toContainText("Nothing has been imported yet");
    await expect(form.getByTestId("glossary-import-language-note").first()).toBeVisible();
  });
});
