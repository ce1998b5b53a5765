import { describe, expect, it } from "vitest";
import { editDistance, effortPermille, MAX_EDIT } from "@/features/mt/effort";
import { dynamicDictionary, findTerms, protectTermsHtml, unprotectHtml } from "@/features/mt/markup";
import { parseRoutes, providersFor, readMtConfig } from "@/features/mt/config";
import { buildPrompt, cleanAnswer } from "@/features/mt/prompt";
import { deeplBaseUrl, deeplEntries } from "@/features/mt/providers/deepl";
import { retryAfterMs } from "@/features/mt/http";

const HTS = { conceptId: "hts", source: "HTS", target: "HTŞ" };
const IDLIB = { conceptId: "idlib", source: "Idlib", target: "İdlib" };

describe("post-editing effort", () => {
  it("is 0 for a suggestion used as is and grows with the edits", () => {
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(effortPermille("abcd", "abcd")).toBe(0);
    expect(effortPermille("abcd", "wxyz")).toBe(1000);
  });
  it("is bounded: a rewrite of a long text counts as the longer length, without a quadratic table", () => {
    const a = "a".repeat(20_000);
    const b = "b".repeat(20_000);
    expect(editDistance(a, b)).toBe(20_000);
    expect(MAX_EDIT).toBeLessThan(20_000);
  });
});

describe("approved terms for engines without glossaries", () => {
  it("finds whole-word occurrences, longest first, without overlaps", () => {
    const hits = findTerms("HTS in Idlib; HTSX is not HTS's.", [HTS, IDLIB]);
    expect(hits.map((h) => h.pair.source)).toEqual(["HTS", "Idlib", "HTS"]);
  });
  it("protects terms in HTML and turns the answer back into plain text", () => {
    expect(protectTermsHtml("Idlib & <HTS>", [HTS, IDLIB])).toBe('<span translate="no">İdlib</span> &amp; &lt;<span translate="no">HTŞ</span>&gt;');
    expect(unprotectHtml('[tr] <span translate="no">İdlib</span> &amp; &lt;x&gt;')).toBe("[tr] İdlib & <x>");
  });
  it("writes Microsoft's dynamic dictionary markup", () => {
    expect(dynamicDictionary("HTS holds Idlib.", [HTS, IDLIB])).toBe('<mstrans:dictionary translation="HTŞ">HTS</mstrans:dictionary> holds <mstrans:dictionary translation="İdlib">Idlib</mstrans:dictionary>.');
  });
  it("builds DeepL TSV entries without duplicates, tabs or newlines", () => {
    expect(deeplEntries([HTS, { ...HTS, target: "other" }, { conceptId: "x", source: "a\tb", target: "c\nd" }])).toBe("HTS\tHTŞ\na b\tc d");
  });
});

describe("configuration", () => {
  it("routes providers per language, with a default route", () => {
    const problems: string[] = [];
    const routes = parseRoutes("ckb=google,openai;*=deepl", problems);
    expect(routes.get("ckb")).toEqual(["google", "openai"]);
    expect(routes.get("*")).toEqual(["deepl"]);
    expect(problems).toEqual([]);
    parseRoutes("tr=bing;oops", problems);
    expect(problems).toHaveLength(2);
  });
  it("enables a provider only when its variables are set, and reports routes to disabled ones", () => {
    const config = readMtConfig({ DEEPL_API_KEY: "k", MT_ROUTES: "ckb=google;*=deepl", MT_MONTHLY_CHAR_CAP: "deepl=1000" });
    expect([...config.providers.keys()]).toEqual(["deepl"]);
    expect(providersFor(config, "tr").map((p) => p.id)).toEqual(["deepl"]);
    expect(providersFor(config, "ckb")).toEqual([]);
    expect(config.problems.join(" ")).toContain("google");
    expect(config.caps.get("deepl")).toBe(1000);
    expect(readMtConfig({}).providers.size).toBe(0);
    expect(readMtConfig({ OPENAI_API_KEY: "k" }).problems.join(" ")).toContain("OPENAI_MODEL");
  });
  it("picks DeepL's free host for :fx keys", () => {
    expect(deeplBaseUrl({ key: "abc:fx" })).toBe("https://api-free.deepl.com");
    expect(deeplBaseUrl({ key: "abc" })).toBe("https://api.deepl.com");
    expect(deeplBaseUrl({ key: "abc", url: "http://127.0.0.1:9/" })).toBe("http://127.0.0.1:9");
  });
  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe("LLM prompt", () => {
  it("carries the paragraph, neighbours, terms, memory and style, and asks for the translation only", () => {
    const [system, user] = buildPrompt({
      sourceName: "English",
      targetName: "Turkish",
      text: "HTS holds Idlib.",
      terms: [HTS, IDLIB],
      context: { previous: "Before.", next: "After.", memory: [{ source: "HTS held Idlib.", target: "HTŞ İdlib'i tutuyordu.", score: 88 }], styleNotes: "Use “…”." },
    });
    expect(system!.content).toMatch(/translation only/);
    expect(system!.content).toContain("Use “…”.");
    expect(user!.content).toContain('- "HTS" → "HTŞ"');
    expect(user!.content).toContain("[88]");
    expect(user!.content).toContain("Before.");
    expect(user!.content).toContain("After.");
    expect(user!.content.endsWith("Paragraph to translate:\nHTS holds Idlib.")).toBe(true);
  });
  it("cleans code fences from an answer", () => {
    expect(cleanAnswer("```\nMerhaba\n```")).toBe("Merhaba");
    expect(cleanAnswer("  Merhaba ")).toBe("Merhaba");
  });
});
