import { describe, expect, it } from "vitest";
import { countByStatus, fold, matchesFilter, nextNeedingWork } from "@/features/workbench/workbench";
import { wordDiff } from "@/features/workbench/word-diff";
import { parseMentions } from "@/features/workbench/server/comments";
import type { WorkbenchSegment } from "@/features/workbench/schemas";

const seg = (id: string, status: WorkbenchSegment["translation"] extends infer T ? (T extends { status: infer S } ? S : never) : never, text = "", openThreads = 0, outdated = false): WorkbenchSegment => ({
  id,
  key: id,
  kind: "paragraph",
  position: Number(id.slice(1)),
  source: `Source ${id} Idlib`,
  openThreads,
  translation: status === "untranslated" ? null : { text, status, version: 1, updatedBy: null, updatedByName: null, updatedAt: "", outdated },
});

const segments = [seg("s1", "approved", "İdlib'de"), seg("s2", "draft", "taslak", 2), seg("s3", "untranslated"), seg("s4", "translated", "bitti", 0, true), seg("s5", "translated", "tamam")];

describe("workbench filters", () => {
  it("counts segments by status", () => {
    expect(countByStatus(segments)).toEqual({ untranslated: 1, draft: 1, translated: 2, approved: 1 });
  });
  it("filters by status, open comments and text (case and diacritics folded)", () => {
    expect(segments.filter((s) => matchesFilter(s, { status: "translated", text: "", openComments: false })).map((s) => s.id)).toEqual(["s4", "s5"]);
    expect(segments.filter((s) => matchesFilter(s, { status: "all", text: "", openComments: true })).map((s) => s.id)).toEqual(["s2"]);
    expect(segments.filter((s) => matchesFilter(s, { status: "all", text: "IDLIB'DE", openComments: false })).map((s) => s.id)).toEqual(["s1"]);
    expect(fold("Soçi MUTABAKATI")).toBe("soci mutabakati");
  });
  it("moves to the next segment that needs work, wrapping and counting outdated ones", () => {
    expect(nextNeedingWork(segments, 0)).toBe(1);
    expect(nextNeedingWork(segments, 2)).toBe(3);
    expect(nextNeedingWork(segments, 3)).toBe(1);
  });
});

describe("wordDiff", () => {
  it("diffs whole words in Arabic-script text", () => {
    const parts = wordDiff("ڕێککەوتنی سۆچی لە ٢٠١٨", "ڕێککەوتنی سۆچی لە ساڵی ٢٠١٨", "ckb");
    expect(parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["ساڵی"]);
    expect(parts.filter((p) => p.removed)).toEqual([]);
  });
  it("marks a replaced Russian word as removed and added", () => {
    const parts = wordDiff("Сочинское соглашение подписано", "Сочинское соглашение нарушено", "ru");
    expect(parts.find((p) => p.removed)?.value).toBe("подписано");
    expect(parts.find((p) => p.added)?.value).toBe("нарушено");
  });
});

describe("parseMentions", () => {
  it("finds @usernames once each, but not e-mail addresses", () => {
    expect(parseMentions("@tr-reviewer look; cc @admin and @tr-reviewer. Mail a@b.org")).toEqual(["tr-reviewer", "admin"]);
  });
});
