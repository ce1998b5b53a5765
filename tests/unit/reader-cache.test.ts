import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cachedReaderPath, listQueryOf } from "@/features/reader/reader";
// @ts-expect-error: a plain ES module preloaded into the server, without types.
import { hashPolicy, inlineHashes } from "../../scripts/reader-response.mjs";

const q = (s: string) => new URLSearchParams(s);

describe("cachedReaderPath: which public URLs an anonymous reader gets from the cache", () => {
  it("maps the story list and its page cursors", () => {
    expect(cachedReaderPath("/tr", q(""))).toBe("/tr/reader-cache/list/-");
    expect(cachedReaderPath("/tr", q("after=WzEsMl0"))).toBe("/tr/reader-cache/list/after.WzEsMl0");
    expect(cachedReaderPath("/tr", q("before=WzEsMl0"))).toBe("/tr/reader-cache/list/before.WzEsMl0");
  });

  it("maps a story and its parallel view, the languages in the table's order whatever the query's", () => {
    expect(cachedReaderPath("/en/stories/idlib-2020-02-28", q(""))).toBe("/en/reader-cache/story/idlib-2020-02-28/-");
    expect(cachedReaderPath("/en/stories/idlib-2020-02-28", q("compare=ar&compare=tr"))).toBe("/en/reader-cache/story/idlib-2020-02-28/tr.ar");
    expect(cachedReaderPath("/en/stories/idlib-2020-02-28", q("compare=ar,tr,xx"))).toBe("/en/reader-cache/story/idlib-2020-02-28/tr.ar");
  });

  it("leaves everything else to the per-request pages", () => {
    for (const [path, search] of [
      ["/tr/workbench", ""],
      ["/xx", ""],
      ["/tr", "after=a&before=b"],
      ["/tr", "after=not%20a%20cursor"],
      ["/tr", "q=x"],
      ["/tr/stories/x", "print=1"],
      ["/tr/stories/x/extra", ""],
      ["/tr/glossary", ""],
    ] as const)
      expect(cachedReaderPath(path, q(search)), `${path}?${search}`).toBeUndefined();
  });

  it("reads a list route's query back", () => {
    expect(listQueryOf("-")).toEqual({});
    expect(listQueryOf("after.WzEsMl0")).toEqual({ after: "WzEsMl0" });
  });
});

describe("the hash CSP of a cached page", () => {
  const html = `<html><head><script src="/_next/a.js" async></script><style>b{c:d}</style></head><body><script>self.x=1</script><script id="y">self.y=2</script></body></html>`;
  const hash = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;

  it("allows each inline script and style by its hash, and no script with a src", () => {
    expect(inlineHashes(html)).toEqual({ scripts: [hash("self.x=1"), hash("self.y=2")], styles: [hash("b{c:d}")] });
    const policy: string = hashPolicy(html);
    expect(policy).toContain(`script-src 'self' ${hash("self.x=1")} ${hash("self.y=2")};`);
    expect(policy).toContain(`style-src 'self' ${hash("b{c:d}")};`);
    expect(policy).not.toMatch(/unsafe-inline|nonce-/);
  });
});
