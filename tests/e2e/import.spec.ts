import AxeBuilder from "@axe-core/playwright";
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { WorkbenchPage, signInAs } from "./pages";

const SLUG = "e2e-imported-story";

const V1 = `Ceasefire talks resume in Erbil

ERBIL, Kurdistan Region – Delegations met on Monday to resume the ceasefire talks.

The first round lasted three hours.

The second round is planned for Tuesday.

Officials declined to comment.`;

/** v2: the merged paragraph changes, a paragraph is added. */
const V2 = `Ceasefire talks resume in Erbil

ERBIL, Kurdistan Region – Delegations met on Monday to resume the ceasefire talks.

The first round lasted four hours. The second round is planned for Tuesday.

A third round may follow next week.

Officials declined to comment.`;

const segments = (page: Page) => page.getByTestId("preview-segment");

test.describe("importing a story and updating its source", () => {
  test("an admin imports a story, translators find it, and a source update outdates exactly the changed segment", async ({ page }) => {
    // Several pages, two imports, two publications: longer than the default budget on a loaded machine.
    test.setTimeout(240_000);
    await signInAs(page, "admin");

    // The workbench links to the import page.
    await page.goto("/en/workbench");
    await page.getByTestId("import-link").click();
    await expect(page).toHaveURL(/\/en\/workbench\/import$/);

    // Paste, preview.
    await page.getByTestId("source-text").fill(V1);
    await page.getByTestId("source-preview").click();
    await expect(page.getByTestId("import-preview")).toBeVisible();
    await expect(segments(page)).toHaveCount(5);
    await expect(page.getByTestId("segment-count")).toHaveText("5 segments");
    await expect(segments(page).nth(0)).toHaveAttribute("data-kind", "title");
    await expect(segments(page).nth(1)).toHaveAttribute("data-kind", "dateline");

    // Merge the two short paragraphs, split them again at the caret, and merge them for good.
    await segments(page).nth(2).getByTestId("segment-merge").click();
    await expect(segments(page)).toHaveCount(4);
    const merged = segments(page).nth(2).getByTestId("segment-text");
    await expect(merged).toHaveValue("The first round lasted three hours. The second round is planned for Tuesday.");
    await merged.click();
    await merged.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange("The first round lasted three hours.".length, "The first round lasted three hours.".length));
    await segments(page).nth(2).getByTestId("segment-split").click();
    await expect(segments(page)).toHaveCount(5);
    await expect(segments(page).nth(3).getByTestId("segment-text")).toHaveValue("The second round is planned for Tuesday.");
    await segments(page).nth(2).getByTestId("segment-merge").click();
    await expect(segments(page)).toHaveCount(4);

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Slug and title, create.
    await expect(page.getByTestId("create-title")).toHaveValue("Ceasefire talks resume in Erbil");
    await page.getByTestId("create-slug").fill(SLUG);
    await page.getByTestId("create-submit").click();
    await expect(page.getByTestId("import-done")).toBeVisible();
    await expect(page.getByTestId("open-editor-ckb")).toHaveAttribute("dir", "rtl");

    // In the workbench, with progress per language.
    await page.getByTestId("open-workbench").click();
    await expect(page.getByTestId(`doc-${SLUG}`)).toContainText("Ceasefire talks resume in Erbil");
    await expect(page.getByTestId(`progress-${SLUG}-tr`).getByTestId("count-untranslated")).toHaveText(/Untranslated: 4/);

    // Not on the reader until the English edition is published from the publication page.
    expect((await page.goto(`/en/stories/${SLUG}`))?.status()).toBe(404);
    await page.goto("/en/workbench");
    await page.getByTestId(`publication-${SLUG}`).click();
    await expect(page.getByTestId("edition-state-en")).toHaveText("Not published");
    await expect(page.getByTestId("publish-tr")).toBeDisabled();
    await page.getByTestId("publish-en").click();
    await expect(page.getByTestId("edition-state-en")).toHaveText("Published");

    // In the reader, with the merged paragraph.
    await page.goto(`/en/stories/${SLUG}`);
    await expect(page.locator("h1")).toHaveText("Ceasefire talks resume in Erbil");
    await expect(page.locator('[data-segment="s03"]')).toHaveText("The first round lasted three hours. The second round is planned for Tuesday.");
    await expect(page.getByTestId("story-updated")).toHaveCount(0);

    // A Turkish draft of the paragraph that will change.
    const wb = new WorkbenchPage(page);
    await wb.goto("tr", SLUG);
    await wb.type("s03", "İlk tur üç saat sürdü. İkinci tur salı günü için planlanıyor.");
    await expect(wb.row("s03").getByTestId("save-state")).toHaveText("Saved");

    // Update the source through the UI: the plan, then apply.
    await page.goto("/en/workbench");
    await page.getByTestId(`update-source-${SLUG}`).click();
    await expect(page).toHaveURL(new RegExp(`/en/workbench/${SLUG}/update$`));
    await page.getByTestId("source-text").fill(V2);
    await page.getByTestId("source-preview").click();
    await expect(page.getByTestId("update-segments")).toBeVisible();
    await page.getByTestId("update-check").click();
    const plan = page.getByTestId("update-plan");
    await expect(plan).toBeVisible();
    await expect(plan.getByTestId("plan-count-kept")).toHaveText("3 segments unchanged");
    await expect(plan.getByTestId("plan-count-changed")).toHaveText("1 segment changed (its translations are marked outdated)");
    await expect(plan.getByTestId("plan-count-new")).toHaveText("1 new segment");
    await expect(plan.getByTestId("plan-count-removed")).toHaveText("0 segments removed (kept in the history)");
    await expect(plan.getByTestId("plan-s03")).toHaveAttribute("data-status", "changed");
    await expect(plan.getByTestId("plan-s03").locator("ins")).toHaveText(["four"]);
    await expect(plan.getByTestId("plan-s03").locator("del")).toHaveText(["three"]);
    await expect(plan.getByTestId("plan-s05")).toHaveAttribute("data-status", "new");
    await page.getByTestId("update-apply").click();
    await expect(page.getByTestId("update-done")).toBeVisible();

    // The editor shows the outdated segment with the diff of its source, and the filter counts it.
    await wb.goto("tr", SLUG);
    await expect(page.getByTestId("filter-outdated").locator(".count")).toHaveText("1");
    await wb.reveal("s03");
    const change = wb.row("s03").getByTestId("source-change");
    await expect(change).toBeVisible();
    await expect(change.locator("ins")).toHaveText(["four"]);
    await expect(change.locator("del")).toHaveText(["three"]);
    await expect(wb.row("s03").getByTestId("target-text")).toHaveText("İlk tur üç saat sürdü. İkinci tur salı günü için planlanıyor.");
    await expect(wb.row("s02").getByTestId("source-change")).toHaveCount(0);
    await page.getByTestId("filter-outdated").click();
    await expect(page.getByTestId("filter-outdated")).toHaveAttribute("aria-pressed", "true");
    await expect(wb.row("s03")).toBeVisible();
    await expect(wb.row("s02")).toHaveCount(0);
    await expect(wb.row("s05")).toHaveCount(0);

    // The workbench counts it in the progress table; the published edition is unchanged until an update is published.
    await page.goto("/en/workbench");
    await expect(page.getByTestId(`progress-${SLUG}-tr`).getByTestId("count-outdated")).toHaveText(/Source changed: 1/);
    await page.goto(`/en/stories/${SLUG}`);
    await expect(page.getByTestId("story-updated")).toHaveCount(0);
    await expect(page.locator('[data-segment="s05"]')).toHaveCount(0);
    await page.goto(`/en/workbench/${SLUG}/publish`);
    await expect(page.getByTestId("edition-state-en")).toHaveText("Published, with unpublished changes");
    await expect(page.getByTestId("edition-changes-en").locator('[data-segment="s03"] ins')).toHaveText(["four"]);
    await page.getByTestId("correction-note-en").fill("An earlier version gave the wrong number of rounds.");
    await page.getByTestId("publish-en").click();
    await expect(page.getByTestId("edition-state-en")).toHaveText("Published");
    await page.goto(`/en/stories/${SLUG}`);
    await expect(page.getByTestId("story-correction")).toContainText("An earlier version gave the wrong number of rounds.");
    await expect(page.getByTestId("story-updated")).toContainText("Updated");
    await expect(page.locator('[data-segment="s05"]')).toHaveText("A third round may follow next week.");
  });

  test("a .docx upload is previewed through the built server (mammoth → HTML → segments)", async ({ page }) => {
    await signInAs(page, "admin");
    const zip = new JSZip();
    zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
    zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
    const paragraph = (text: string, bold = false) => `<w:p><w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph("Word story headline", true)}${paragraph("The first paragraph &amp; more.")}${paragraph("The second paragraph.")}</w:body></w:document>`);
    const buffer = await zip.generateAsync({ type: "nodebuffer" });
    await page.goto("/en/workbench/import");
    await page.getByTestId("source-file").setInputFiles({ name: "story.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer });
    await page.getByTestId("source-preview").click();
    await expect(segments(page)).toHaveCount(3);
    await expect(segments(page).nth(0)).toHaveAttribute("data-kind", "title");
    await expect(segments(page).nth(2).getByTestId("segment-text")).toHaveValue("The second paragraph.");
    await expect(segments(page).nth(1).getByTestId("segment-text")).toHaveValue("The first paragraph & more.");
    // A file that only claims to be a .docx is refused with the server's explanation.
    await page.getByTestId("source-file").setInputFiles({ name: "fake.docx", mimeType: "application/octet-stream", buffer: Buffer.from("not a zip at all") });
    await page.getByTestId("source-preview").click();
    await expect(page.getByTestId("source-error")).toContainText("not a .docx document");
  });

  test("translators have no import page", async ({ page }) => {
    await signInAs(page, "tr-translator");
    await page.goto("/en/workbench");
    await expect(page.getByTestId("import-link")).toHaveCount(0);
    const response = await page.goto("/en/workbench/import");
    expect(response?.status()).toBe(404);
  });
});
