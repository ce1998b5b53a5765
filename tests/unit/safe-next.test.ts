import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/http/safe-next";

describe("safeNext", () => {
  it("keeps a path on the app, with its query and fragment", () => {
    expect(safeNext("/tr/workbench/idlib-2020-02-28/tr?filter=draft#s04", "/en")).toBe("/tr/workbench/idlib-2020-02-28/tr?filter=draft#s04");
    expect(safeNext("/en", "/tr")).toBe("/en");
    expect(safeNext(["/ar", "//evil.example"], "/en")).toBe("/ar");
  });

  it("normalizes what the URL parser normalizes", () => {
    expect(safeNext("/en/a/../b", "/en")).toBe("/en/b");
  });

  for (const hostile of [
    "/\t/evil.example/x", // what ?next=/%09/evil.example/x decodes to: browsers drop the tab and read //evil.example
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/\\evil.example",
    "/\\\\evil.example",
    "//evil.example",
    "//evil.example/x",
    "///evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/%09/evil.example/x",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%0a/evil.example",
    "/%E0%A4%A", // malformed escape
  ]) {
    it(`refuses ${JSON.stringify(hostile)}`, () => {
      expect(safeNext(hostile, "/en")).toBe("/en");
    });
  }

  it("refuses what is not a string", () => {
    expect(safeNext(undefined, "/en")).toBe("/en");
    expect(safeNext(null, "/")).toBe("/");
    expect(safeNext(42, "/")).toBe("/");
  });
});
