import { expect, type Locator, type Page } from "@playwright/test";

export const STORY = "idlib-2020-02-28";

/** Page object for a story in the reader. */
export class StoryPage {
  constructor(readonly page: Page) {}

  async goto(lang: string, query = "") {
    await this.page.goto(`/${lang}/stories/${STORY}${query}`);
  }

  /** Waits until the client script of the language switcher is running. */
  async waitForSwitcher() {
    await expect(this.page.getByTestId("language-switcher")).toHaveAttribute("data-ready", "true");
  }

  segment(key: string): Locator {
    return this.page.locator(`[data-segment="${key}"]`);
  }

  get title(): Locator {
    return this.page.locator("h1");
  }

  switchTo(lang: string): Locator {
    return this.page.getByTestId(`switch-${lang}`);
  }

  get parallelTable(): Locator {
    return this.page.getByTestId("parallel-table");
  }

  /** Whether the element's top is inside the viewport. */
  async isInViewport(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight && r.bottom > 0;
    });
  }

  async expectDirection(locator: Locator, lang: string, dir: "ltr" | "rtl") {
    await expect(locator).toHaveAttribute("lang", lang);
    await expect(locator).toHaveAttribute("dir", dir);
    expect(await locator.evaluate((el) => getComputedStyle(el).direction)).toBe(dir);
  }
}
