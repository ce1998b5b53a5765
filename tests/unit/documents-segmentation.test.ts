import { describe, expect, it } from "vitest";
import { assignKeys, mergeWithNext, nextKeys, segmentBlocks, setKind, splitAt, suggestSlug, validateSegments, type DraftSegment } from "@/features/documents/segmentation";
import { matchSegments, similarity, SIMILARITY_THRESHOLD, type NewSegment, type OldSegment } from "@/features/documents/match";
import { hashSource } from "@/features/stories/stories";
import { countOutdated, matchesFilter } from "@/features/workbench/workbench";
import type { WorkbenchSegment } from "@/features/workbench/schemas";

describe("segmentation", () => {
  const blocks: DraftSegment[] = [
    { kind: "title", text: "Talks in Washington. Day two" },
    { kind: "dateline", text: "WASHINGTON (Reuters) – Mr. Smith met the U.S. envoy on Feb. 27. They spoke for 2.5 hours." },
    { kind: "paragraph", text: "The meeting took place at No. 10 Downing Street. Dr. Jones arrived at 7.28 PM. Nobody else came." },
    { kind: "heading", text: "What next? Nobody knows" },
  ];

  it("keeps one segment per block without the sentence option", () => {
    expect(segmentBlocks(blocks)).toEqual(blocks);
  });

  it("splits paragraphs and datelines into sentences, respecting Mr., Feb., U.S., No. and decimals", () => {
    expect(segmentBlocks(blocks, { sentences: true })).toEqual([
      { kind: "title", text: "Talks in Washington. Day two" },
      { kind: "dateline", text: "WASHINGTON (Reuters) – Mr. Smith met the U.S. envoy on Feb. 27." },
      { kind: "paragraph", text: "They spoke for 2.5 hours." },
      { kind: "paragraph", text: "The meeting took place at No. 10 Downing Street." },
      { kind: "paragraph", text: "Dr. Jones arrived at 7.28 PM." },
      { kind: "paragraph", text: "Nobody else came." },
      { kind: "heading", text: "What next? Nobody knows" },
    ]);
  });

  it("keys new documents like the seeded stories: s01, s02, … and s001 … from 100 segments", () => {
    expect(assignKeys([{ kind: "title", text: "a" }, { kind: "paragraph", text: "b" }]).map((s) => s.key)).toEqual(["s01", "s02"]);
    const many = assignKeys(Array.from({ length: 120 }, (_, i) => ({ kind: "paragraph" as const, text: `p${i}` })));
    expect([many[0]!.key, many[119]!.key]).toEqual(["s001", "s120"]);
  });

  it("gives segments added by an update the next free keys, never one the document ever had", () => {
    expect(nextKeys(["s01", "s02", "s35"], 2)).toEqual(["s36", "s37"]);
    expect(nextKeys(["title", "p1", "p2"], 1)).toEqual(["s01"]);
    expect(nextKeys(["s001", "s099"], 1)).toEqual(["s100"]);
  });

  it("merges a segment with the next one and splits one at the caret", () => {
    const list: DraftSegment[] = [
      { kind: "title", text: "Title" },
      { kind: "paragraph", text: "First half." },
      { kind: "paragraph", text: "Second half." },
    ];
    const merged = mergeWithNext(list, 1);
    expect(merged).toEqual([{ kind: "title", text: "Title" }, { kind: "paragraph", text: "First half. Second half." }]);
    expect(mergeWithNext(list, 2)).toEqual(list);
    const split = splitAt(merged, 1, "First half.".length);
    expect(split).toEqual(list);
    expect(splitAt(merged, 1, 0)).toEqual(merged);
    expect(splitAt(merged, 1, 999)).toEqual(merged);
    expect(splitAt([{ kind: "title", text: "Headline. More" }], 0, 9)).toEqual([{ kind: "title", text: "Headline." }, { kind: "paragraph", text: "More" }]);
  });

  it("keeps a single title and validates the list", () => {
    const list: DraftSegment[] = [{ kind: "title", text: "A" }, { kind: "paragraph", text: "B" }];
    expect(setKind(list, 1, "title")).toEqual([{ kind: "heading", text: "A" }, { kind: "title", text: "B" }]);
    expect(validateSegments(list)).toEqual([]);
    expect(validateSegments([]).map((p) => p.code)).toEqual(["none"]);
    expect(validateSegments(setKind(list, 1, "title")).map((p) => p.code)).toEqual(["titleNotFirst"]);
    expect(validateSegments([...list, { kind: "title", text: "C" }]).map((p) => p.code)).toEqual(["twoTitles"]);
    expect(validateSegments([{ kind: "paragraph", text: " " }, { kind: "paragraph", text: "x".repeat(20_001) }]).map((p) => [p.code, p.index])).toEqual([["empty", 0], ["tooLong", 1]]);
  });

  it("suggests a slug from the title", () => {
    expect(suggestSlug("Russia accuses Turkish troops of embedding with ‘terrorists’ in Idlib")).toBe("russia-accuses-turkish-troops-of-embedding-with-terrorists");
    expect(suggestSlug("Çağrı: İdlib’de ateşkes", new Date("2020-03-05T10:00:00Z"))).toBe("cagri-idlib-de-ateskes-2020-03-05");
    expect(suggestSlug("!!!")).toBe("story");
  });
});

describe("source update matching", () => {
  const old = (key: string, text: string, kind: OldSegment["kind"] = "paragraph"): OldSegment => ({ key, kind, text, hash: hashSource(text) });
  const next = (text: string, kind: NewSegment["kind"] = "paragraph"): NewSegment => ({ kind, text, hash: hashSource(text) });

  it("measures similarity as the Dice coefficient of word multisets", () => {
    expect(similarity("one two three four five six seven eight nine ten", "one two three four five six seven eight nine eleven")).toBe(0.9);
    expect(similarity("At least 33 soldiers were killed.", "At least 34 soldiers were killed.")).toBeCloseTo(10 / 12);
    expect(similarity("Completely different words here.", "Nothing alike at all.")).toBe(0);
    expect(SIMILARITY_THRESHOLD).toBe(0.5);
  });

  it("keeps, changes, adds and removes exactly the right segments", () => {
    const before = [
      old("s01", "Russia accuses Turkey", "title"),
      old("s02", "At least 33 Turkish soldiers were killed in an air strike on Thursday."),
      old("s03", "NATO officials will meet later on Friday to discuss the situation."),
      old("s04", "This paragraph is removed entirely from the new version."),
      old("s05", "Turkey believes the Syrian regime was behind the attack."),
    ];
    const after = [
      next("Russia accuses Turkey", "title"),
      next("At least 34 Turkish soldiers were killed in an air strike on Thursday."),
      next("NATO officials will meet later on Friday to discuss the situation."),
      next("A brand-new paragraph about the ambassador's statement."),
      next("Turkey believes the Syrian regime was behind the attack."),
    ];
    const { entries, removed } = matchSegments(before, after);
    expect(entries.map((e) => (e.status === "new" ? ["new", e.newIndex] : [e.status, before[e.oldIndex]!.key]))).toEqual([
      ["kept", "s01"],
      ["changed", "s02"],
      ["kept", "s03"],
      ["new", 3],
      ["kept", "s05"],
    ]);
    expect(removed.map((i) => before[i]!.key)).toEqual(["s04"]);
  });

  it("pairs edited paragraphs across a moved one, and always pairs the title", () => {
    const before = [old("s01", "Old headline entirely", "title"), old("s02", "Alpha beta gamma delta."), old("s03", "One two three four five."), old("s04", "The moved paragraph stays the same.")];
    const after = [
      next("Brand new headline", "title"),
      next("The moved paragraph stays the same."),
      next("Alpha beta gamma delta epsilon."),
      next("One two three four five six."),
    ];
    const { entries, removed } = matchSegments(before, after);
    // The moved paragraph is the one exact match; the edited paragraphs it jumped over are still paired.
    expect(entries.map((e) => [e.status, e.status === "new" ? null : before[e.oldIndex]!.key, e.status === "new" ? null : e.moved])).toEqual([
      ["changed", "s01", false],
      ["kept", "s04", false],
      ["changed", "s02", true],
      ["changed", "s03", true],
    ]);
    expect(removed).toEqual([]);
  });

  it("keeps a paragraph that moved down past an unchanged one", () => {
    const before = [old("s01", "Moved paragraph text here."), old("s02", "Anchor one."), old("s03", "Anchor two.")];
    const after = [next("Anchor one."), next("Anchor two."), next("Moved paragraph text here.")];
    const { entries, removed } = matchSegments(before, after);
    expect(entries.map((e) => [e.status, e.status === "new" ? null : before[e.oldIndex]!.key])).toEqual([["kept", "s02"], ["kept", "s03"], ["kept", "s01"]]);
    expect(entries[2]).toMatchObject({ moved: true });
    expect(removed).toEqual([]);
  });

  it("does not pair texts under the threshold: the old one is removed, the new one is new", () => {
    const { entries, removed } = matchSegments([old("s01", "The council met on Friday in Erbil.")], [next("Shops reopened in the old city on Sunday.")]);
    expect(entries).toEqual([{ status: "new", newIndex: 0 }]);
    expect(removed).toEqual([0]);
  });

  it("pairs a paragraph that was split with its closer half", () => {
    const before = [old("s01", "The minister spoke for an hour. He announced new measures against inflation and rising prices.")];
    const after = [next("The minister spoke for an hour."), next("He announced new measures against inflation and rising prices.")];
    const { entries } = matchSegments(before, after);
    expect(entries.map((e) => e.status)).toEqual(["new", "changed"]);
  });

  it("handles thousands of segments (the matching is not quadratic in the kept ones)", () => {
    const n = 3000;
    const before = Array.from({ length: n }, (_, i) => old(`s${i}`, `Paragraph number ${i} about the talks in Erbil.`));
    const after = before.map((s, i) => (i % 100 === 0 ? next(`${s.text} Updated.`) : next(s.text)));
    const { entries } = matchSegments(before, after);
    expect(entries.filter((e) => e.status === "changed")).toHaveLength(30);
    // A rewrite of everything still finishes (greedy pairing in the one big gap).
    const rewritten = before.map((_, i) => next(`Entirely different text ${i * 7919} here.`));
    expect(matchSegments(before, rewritten).entries).toHaveLength(n);
  });
});

describe("the workbench's outdated filter", () => {
  const seg = (id: string, outdated: boolean | null): WorkbenchSegment => ({
    id,
    key: id,
    kind: "paragraph",
    position: 1,
    source: `Source ${id}`,
    openThreads: 0,
    translation: outdated === null ? null : { text: "x", status: "approved", version: 1, updatedBy: null, updatedByName: null, updatedAt: "", outdated, previousSource: outdated ? "Old source" : null },
  });
  const list = [seg("a", false), seg("b", true), seg("c", null), seg("d", true)];

  it("shows only segments whose translation was made against an earlier source, and counts them", () => {
    expect(list.filter((s) => matchesFilter(s, { status: "outdated", text: "", openComments: false })).map((s) => s.id)).toEqual(["b", "d"]);
    expect(countOutdated(list)).toBe(2);
  });
});
