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

export const DEMO_PASSWORD = "newsroom-demo";

/** Page object for the sign-in page. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(lang: string, next?: string) {
    await this.page.goto(`/${lang}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
    await expect(this.page.getByTestId("sign-in-form")).toBeVisible();
  }

  async signIn(identifier: string, password = DEMO_PASSWORD) {
    await this.page.getByTestId("sign-in-identifier").fill(identifier);
    await this.page.getByTestId("sign-in-password").fill(password);
    await this.page.getByTestId("sign-in-submit").click();
  }

  get error(): Locator {
    return this.page.getByTestId("sign-in-error");
  }
}

/** Signs in through the API (fast set-up for specs that are not about signing in). */
export async function signInAs(page: Page, username: string) {
  // Browsers send Origin with every POST; the API request context has to be told.
  const origin = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  const res = await page.request.post("/api/auth/sign-in/username", { data: { username, password: DEMO_PASSWORD }, headers: { origin } });
  expect(res.status()).toBe(200);
}

/** Page object for the translation editor. */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  async goto(target: string, slug = "e2e-workbench-story", ui = "en") {
    await this.page.goto(`/${ui}/workbench/${slug}/${target}`);
    await expect(this.page.getByTestId("workbench")).toHaveAttribute("data-ready", "true");
  }

  row(key: string): Locator {
    return this.page.getByTestId(`segment-${key}`);
  }

  get editor(): Locator {
    return this.page.getByTestId("target-editor");
  }

  /** Scrolls the virtualized list until the segment's row is rendered. */
  async reveal(key: string) {
    const list = this.page.getByTestId("segment-list");
    for (let i = 0; i < 60 && (await this.row(key).count()) === 0; i++) {
      await list.evaluate((el) => el.scrollBy(0, 400));
    }
    await this.row(key).scrollIntoViewIfNeeded();
  }

  async activate(key: string) {
    await this.reveal(key);
    await this.row(key).click();
    await expect(this.row(key).getByTestId("target-editor")).toBeVisible();
  }

  async type(key: string, text: string) {
    await this.activate(key);
    await this.row(key).getByTestId("target-editor").fill(text);
  }

  status(key: string): Locator {
    return this.row(key).getByTestId("status");
  }
}

/**
 * Opens a paged list at `url` (a small `limit`), follows its Pager's next link and comes
 * back with previous: plain links, so this works with JavaScript off. `rows` lists the
 * page's rows; returns the rows' texts on the first and second pages.
 */
export async function walkPager(page: Page, url: string, rows: string, pagerTestId: string): Promise<{ first: string[]; second: string[] }> {
  const keys = async () => page.locator(rows).allTextContents();
  await page.goto(url);
  await expect(page.getByTestId(`${pagerTestId}-previous`)).toHaveCount(0);
  const first = await keys();
  await page.getByTestId(`${pagerTestId}-next`).click();
  await expect(page).toHaveURL(/[?&]after=/);
  const second = await keys();
  await page.getByTestId(`${pagerTestId}-previous`).click();
  await expect(page).toHaveURL(/[?&]before=/);
  expect(await keys()).toEqual(first);
  return { first, second };
}
