/** The length-ratio constants are what the NTREX fixture gives. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lengthRatio, MIN_SOURCE_LENGTH, expectedRatio, lengthRatioStats } from "@/features/qa/checks/length";

const dir = path.join(process.cwd(), "tests", "fixtures", "ntrex");
const lines = (file: string) => fs.readFileSync(path.join(dir, file), "utf8").split(/\r?\n/);
const FILES = { tr: "newstest2019-ref.tur.txt", ru: "newstest2019-ref.rus.txt", ar: "newstest2019-ref.arb.txt", ckb: "newstest2019-ref.ckb-Arab.txt", kmr: "newstest2019-ref.kmr.txt" } as const;
const english = lines("newstest2019-src.eng.txt");

/** An independent recomputation: ratios of code points, nearest-rank percentiles. */
function recompute(target: string[]) {
  const ratios: number[] = [];
  english.forEach((e, i) => {
    const s = [...e.trim()].length;
    const t = [...(target[i] ?? "").trim()].length;
    if (s >= MIN_SOURCE_LENGTH && t > 0) ratios.push(t / s);
  });
  ratios.sort((a, b) => a - b);
  const q = (p: number) => ratios[Math.round(p * (ratios.length - 1))]!;
  return { median: q(0.5), low: q(0.005), high: q(0.995), count: ratios.length };
}

describe("length ratios from NTREX", () => {
  for (const [lang, file] of Object.entries(FILES)) {
    it(`en → ${lang}: the constants match the fixture`, () => {
      const target = lines(file);
      expect(target.length).toBe(english.length);
      const fresh = recompute(target);
      expect(fresh.count).toBeGreaterThan(1800);
      const constants = lengthRatio(lang)!;
      for (const k of ["median", "low", "high"] as const) expect(Math.abs(constants[k] - fresh[k]), `${lang} ${k}: ${fresh[k]}`).toBeLessThan(0.002);
      expect(lengthRatioStats(english, target)).toEqual(fresh);
    });
  }

  it("derives other pairs through English", () => {
    const trRu = expectedRatio("tr", "ru")!;
    expect(trRu.median).toBeCloseTo(lengthRatio("ru")!.median / lengthRatio("tr")!.median, 6);
    expect(trRu.low).toBeLessThan(trRu.median);
    expect(trRu.high).toBeGreaterThan(trRu.median);
    expect(expectedRatio("en", "en")).toBeNull();
    expect(expectedRatio("en", "xx")).toBeNull();
  });
});
