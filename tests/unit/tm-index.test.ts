import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TmIndex, type TmUnit } from "@/features/tm/index";
import { contextHash, similarity } from "@/features/tm/score";
import { analyze, type TmAnalysis } from "@/features/tm/tokenize";
import { rng } from "@/lib/random";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/ntrex");
const lines = (file: string) => fs.readFileSync(path.join(fixtures, file), "utf8").split(/\r?\n/).filter(Boolean);

let serial = 0;
const unit = (source: string, extra: Partial<TmUnit> = {}): TmUnit => ({
  id: `t${serial++}`,
  source,
  target: `tr: ${source}`,
  sourceLang: "en",
  targetLang: "tr",
  origin: "test",
  createdAt: "2024-01-01T00:00:00.000Z",
  ...extra,
});

const ranked = (index: TmIndex, text: string, options = {}) => index.lookup(text, options).map((m) => [m.id, m.score]);

describe("TmIndex", () => {
  it("ranks by score, then newer, then id, and returns the unit", () => {
    const index = new TmIndex("en", "tr");
    const s = "Turkish troops entered the town of Idlib on Sunday morning.";
    index.add(unit(s, { id: "b", createdAt: "2024-01-01T00:00:00.000Z" }));
    index.add(unit(s, { id: "a", createdAt: "2024-01-01T00:00:00.000Z" }));
    index.add(unit(s, { id: "c", createdAt: "2024-03-01T00:00:00.000Z", documentId: "doc-1", author: "ayse" }));
    index.add(unit("Turkish troops entered the town of Afrin on Sunday morning.", { id: "d", createdAt: "2025-01-01T00:00:00.000Z" }));
    index.add(unit("Turkish troops left the town of Afrin on Monday morning.", { id: "e" }));
    expect(ranked(index, s)).toEqual([
      ["c", 100],
      ["a", 100],
      ["b", 100],
      ["d", 90],
      ["e", 70],
    ]);
    const [best] = index.lookup(s);
    expect(best!.unit).toEqual({
      id: "c",
      source: s,
      target: `tr: ${s}`,
      sourceLang: "en",
      targetLang: "tr",
      origin: "test",
      documentId: "doc-1",
      author: "ayse",
      createdAt: "2024-03-01T00:00:00.000Z",
    });
    expect(ranked(index, s, { limit: 2 })).toEqual([
      ["c", 100],
      ["a", 100],
    ]);
  });

  it("ranks an exact match with the same neighbours 101, above newer exact matches", () => {
    const index = new TmIndex("en", "tr");
    const s = "The talks resumed.";
    const before = contextHash("Ankara, Monday.");
    const after = contextHash(null);
    index.add(unit(s, { id: "ctx", contextBefore: before, contextAfter: after, createdAt: "2020-01-01T00:00:00.000Z" }));
    index.add(unit(s, { id: "plain", createdAt: "2024-01-01T00:00:00.000Z" }));
    expect(ranked(index, s, { context: { before, after } })).toEqual([
      ["ctx", 101],
      ["plain", 100],
    ]);
    expect(ranked(index, s, { context: { before: contextHash("Other."), after } })).toEqual([
      ["plain", 100],
      ["ctx", 100],
    ]);
    expect(ranked(index, "The talks resumed!", { context: { before, after } })).toEqual([
      ["plain", 99],
      ["ctx", 99],
    ]);
  });

  it("applies min and limit", () => {
    const index = new TmIndex("en", "tr");
    const base = "one two three four five six seven eight nine ten";
    const words = base.split(" ");
    for (let k = 0; k <= 6; k++) index.add(unit(words.map((w, i) => (i < k ? `x${i}` : w)).join(" "), { id: `k${k}` }));
    expect(ranked(index, base, { min: 75, limit: 10 })).toEqual([
      ["k0", 100],
      ["k1", 90],
      ["k2", 80],
    ]);
    expect(ranked(index, base, { min: 50, limit: 10 }).map(([, s]) => s)).toEqual([100, 90, 80, 70, 60, 50]);
    expect(ranked(index, base, { min: 101 })).toEqual([]);
    expect(ranked(index, "nothing in common here", { min: 1 })).toEqual([]);
  });

  it("removes and replaces units", () => {
    const index = new TmIndex("en", "tr");
    index.add(unit("The army shelled the city overnight.", { id: "x" }));
    index.add(unit("The army shelled the city at dawn.", { id: "y" }));
    expect(index.length).toBe(2);
    expect(index.remove("x")).toBe(true);
    expect(index.remove("x")).toBe(false);
    expect(index.has("x")).toBe(false);
    expect(ranked(index, "The army shelled the city overnight.")).toEqual([["y", 71]]);
    index.add(unit("The army shelled the city overnight.", { id: "y" }));
    expect(index.length).toBe(1);
    expect(index.get("y")!.source).toBe("The army shelled the city overnight.");
    expect(ranked(index, "The army shelled the city overnight.")).toEqual([["y", 100]]);
    expect(() => index.add(unit("x", { targetLang: "ru" }))).toThrow(/en→ru/);
  });

  it("matches segments longer than the length code of a posting entry (255 words)", () => {
    const index = new TmIndex("en", "tr");
    const en = lines("newstest2019-src.eng.txt");
    const long = en.slice(0, 20).join(" ");
    index.add(unit(long, { id: "long" }));
    index.add(unit(en.slice(0, 19).join(" "), { id: "shorter" }));
    index.add(unit(en[0]!, { id: "short" }));
    const words = long.split(" ");
    expect(words.length).toBeGreaterThan(400);
    words[200] = "changed";
    const got = ranked(index, words.join(" "), { min: 90 });
    expect(got[0]).toEqual(["long", 99]);
    expect(got.map(([id]) => id)).toEqual(index.scan(words.join(" "), { min: 90 }).map((m) => m.id));
  });

  it("finds candidates through the inverted index, not by scoring every unit", () => {
    const index = new TmIndex("en", "tr");
    const en = lines("newstest2019-src.eng.txt");
    en.forEach((s, i) => index.add(unit(s, { id: `n${i}` })));
    const query = en[100]!.replace(/\w+/, "Yesterday");
    const got = index.lookup(query, { min: 70 });
    expect(got[0]!.id).toBe("n100");
    expect(index.lastStats.verified).toBeLessThan(20);
    expect(index.lastStats.candidates).toBeLessThan(en.length / 10);
  });

  it("returns brute force's top 5 (same ids, same scores) on real sentences, before and after removals", () => {
    const random = rng(2024);
    const en = lines("newstest2019-src.eng.txt");
    const words = en.flatMap((s) => s.split(" "));
    const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)]!;
    const vary = (s: string) => {
      const w = s.split(" ");
      if (random() < 0.08) w.push(...pick(en).split(" "));
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
        const i = Math.floor(random() * w.length);
        const op = random();
        if (op < 0.3 && w.length > 2) w.splice(i, 1);
        else if (op < 0.5) w.splice(i, 0, pick(words));
        else if (op < 0.6 && i + 1 < w.length) [w[i], w[i + 1]] = [w[i + 1]!, w[i]!];
        else if (op < 0.7) w[i] = w[i]!.replace(/\d+/, String(Math.floor(random() * 100))).toLowerCase();
        else w[i] = pick(words);
      }
      let out = w.join(" ");
      if (random() < 0.1) out = out.replace(/[.?!"]+$/, "");
      return out;
    };
    const units: TmUnit[] = [];
    en.forEach((s, i) => units.push(unit(s, { id: `s${i}` })));
    // Variations of a few hundred sentences, so that queries have several near matches.
    const hot = en.slice(0, 300);
    for (let i = 0; i < 1500; i++) units.push(unit(vary(pick(hot)), { id: `v${i}` }));
    // Few distinct dates, so that equal scores are often ordered by date and by id.
    for (const u of units) Object.assign(u, { createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 20))).toISOString() });
    const index = new TmIndex("en", "tr");
    for (const u of units) index.add(u);
    const analysed = new Map<string, TmAnalysis>(units.map((u) => [u.id, analyze(u.source, "en")]));
    const queries = Array.from({ length: 90 }, () => (random() < 0.1 ? pick(en) : vary(pick(random() < 0.8 ? hot : en))));

    const check = (live: TmUnit[], queries: string[]) => {
      let compared = 0;
      let ties = 0;
      for (const q of queries) {
        const qa = analyze(q, "en");
        const scored = live.map((u) => ({ u, score: similarity(qa, analysed.get(u.id)!) }));
        for (const min of [50, 65, 80]) {
          const truth = scored
            .filter((x) => x.score >= min)
            .sort((a, b) => b.score - a.score || Date.parse(b.u.createdAt) - Date.parse(a.u.createdAt) || (a.u.id < b.u.id ? -1 : 1))
            .slice(0, 5)
            .map((x) => [x.u.id, x.score]);
          expect(ranked(index, q, { min, limit: 5 }), `${q} (min ${min})`).toEqual(truth);
          expect(index.scan(q, { min, limit: 5 }).map((m) => [m.id, m.score])).toEqual(truth);
          compared += truth.length;
          for (let i = 1; i < truth.length; i++) if (truth[i]![1] === truth[i - 1]![1]) ties++;
        }
      }
      return { compared, ties };
    };
    const first = check(units, queries);
    expect(first.compared).toBeGreaterThan(600);
    expect(first.ties).toBeGreaterThan(40);

    // Remove a third of the units, some of them best matches, then compact.
    const removed = new Set(units.filter(() => random() < 0.33).map((u) => u.id));
    for (const id of removed) expect(index.remove(id)).toBe(true);
    const live = units.filter((u) => !removed.has(u.id));
    expect(index.length).toBe(live.length);
    check(live, queries.slice(0, 45));
    index.compact();
    expect(index.length).toBe(live.length);
    check(live, queries.slice(45));
  }, 60_000);

  it("prunes exactly: on a generated memory of near duplicates with long posting lists, lookups return brute force's top k", () => {
    // Zipf-distributed words, so that common words have posting lists long enough (≥ 2,048) for
    // the early passes and the refinement; near duplicates shorter and longer than their base (insertions, appended
    // sentences), so that the length-aware prefix, the count bounds and the rising threshold all
    // decide; numbers and punctuation, so that the penalties narrow the distance bound.
    const random = rng(15);
    const vocab = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}`);
    const word = () => (random() < 0.12 ? String(Math.floor(random() * 30)) : vocab[Math.floor(vocab.length * random() ** 2.5)]!);
    const sentence = () => Array.from({ length: 3 + Math.floor(random() * 30) }, word);
    const bases = Array.from({ length: 150 }, sentence);
    const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)]!;
    const vary = (base: string[], edits: number) => {
      const w = [...base];
      if (random() < 0.15) w.push(...pick(bases).slice(0, 2 + Math.floor(random() * 12)));
      for (let e = 0; e < edits; e++) {
        const i = Math.floor(random() * (w.length + 1));
        const op = random();
        if (op < 0.3) w.splice(i, 0, word());
        else if (op < 0.55 && w.length > 1) w.splice(i, 1);
        else if (op < 0.7 && i + 1 < w.length) [w[i], w[i + 1]] = [w[i + 1]!, w[i]!];
        else if (i < w.length) w[i] = word();
      }
      return `${w.join(" ")}${random() < 0.2 ? "" : random() < 0.5 ? "." : "!"}`;
    };
    const units: TmUnit[] = [];
    for (let i = 0; i < 5000; i++) {
      const base = pick(bases);
      const sentenceUnit = random() < 0.3;
      units.push(unit(vary(base, Math.floor(random() * 6)), { id: `g${i}`, origin: sentenceUnit ? "sentence" : "test", createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 8))).toISOString() }));
    }
    const index = new TmIndex("en", "tr");
    for (const u of units) index.add(u);
    const analysed = new Map<string, TmAnalysis>(units.map((u) => [u.id, analyze(u.source, "en")]));
    let compared = 0;
    let longScans = 0;
    for (let qn = 0; qn < 60; qn++) {
      const base = pick(bases);
      const q = random() < 0.2 ? vary([...base, ...pick(bases)], 2) : vary(base, Math.floor(random() * 5));
      const qa = analyze(q, "en");
      const scored = units.map((u) => ({ u, score: similarity(qa, analysed.get(u.id)!) }));
      for (const [min, limit, paragraphsOnly] of [
        [70, 5, false],
        [55, 10, false],
        [85, 3, false],
        [70, 5, true],
        [75, 40, false],
      ] as const) {
        const truth = scored
          .filter((x) => x.score >= min && !(paragraphsOnly && x.u.origin === "sentence"))
          .sort((a, b) => b.score - a.score || Date.parse(b.u.createdAt) - Date.parse(a.u.createdAt) || (a.u.id < b.u.id ? -1 : 1))
          .slice(0, limit)
          .map((x) => [x.u.id, x.score]);
        expect(ranked(index, q, { min, limit, paragraphsOnly }), `${q} (min ${min}, limit ${limit})`).toEqual(truth);
        expect(index.lastStats.capped).toBe(false);
        if (index.lastStats.postings > 2048) longScans++;
        compared += truth.length;
      }
    }
    expect(compared).toBeGreaterThan(600);
    expect(longScans).toBeGreaterThan(20);
  }, 120_000);

  it("reads postings grouped by length exactly: sorted heads, unsorted tails and the range edges give brute force's top k", () => {
    // Postings are kept sorted by length (a head) with recent units appended unsorted (a tail); a
    // lookup reads only the head's entries within its length range. Units of every length near
    // the query's range edges (ceil(θn/100) and floor(100n/θ)), some of 255+ words (one length
    // code), added in batches with lookups and removals in between, so heads and tails of many
    // sizes are read (the commonest words' heads pass 4,096 entries and keep a directory of where
    // each length starts); every lookup is compared with brute force.
    const random = rng(1518);
    const vocab = Array.from({ length: 60 }, (_, i) => `v${i.toString(36)}`);
    const word = () => vocab[Math.floor(vocab.length * random() ** 2)]!;
    const bases = Array.from({ length: 40 }, () => Array.from({ length: 4 + Math.floor(random() * 36) }, word));
    const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)]!;
    const around = (base: string[]) => {
      // A length at or next to an edge of the base's length range for a random threshold.
      const n = base.length;
      const theta = pick([55, 70, 75, 85]);
      const edge = pick([Math.ceil((theta * n) / 100), Math.floor((100 * n) / theta)]) + pick([-1, 0, 0, 1]);
      const w = [...base];
      while (w.length > Math.max(1, edge)) w.splice(Math.floor(random() * w.length), 1);
      while (w.length < edge) w.splice(Math.floor(random() * (w.length + 1)), 0, word());
      if (random() < 0.3) w[Math.floor(random() * w.length)] = word();
      return w.join(" ");
    };
    const index = new TmIndex("en", "tr");
    const live = new Map<string, TmUnit>();
    let compared = 0;
    let next = 0;
    for (let batch = 0; batch < 20; batch++) {
      const count = 50 + Math.floor(random() * 900);
      for (let k = 0; k < count; k++) {
        const base = pick(bases);
        const source = random() < 0.01 ? Array.from({ length: 250 + Math.floor(random() * 20) }, word).join(" ") : around(base);
        const u = unit(source, { id: `e${next++}`, createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 30))).toISOString() });
        index.add(u);
        live.set(u.id, u);
      }
      for (const id of [...live.keys()]) {
        if (random() < 0.05) {
          index.remove(id);
          live.delete(id);
        }
      }
      if (batch === 8 || batch === 15) index.trim();
      const analysed = [...live.values()].map((u) => ({ u, a: analyze(u.source, "en") }));
      for (let qn = 0; qn < 8; qn++) {
        const q = random() < 0.1 ? Array.from({ length: 240 + Math.floor(random() * 30) }, word).join(" ") : around(pick(bases));
        const qa = analyze(q, "en");
        const scored = analysed.map((x) => ({ u: x.u, score: similarity(qa, x.a) }));
        for (const [min, limit] of [
          [55, 10],
          [70, 5],
          [75, 20],
          [85, 5],
        ] as const) {
          const truth = scored
            .filter((x) => x.score >= min)
            .sort((a, b) => b.score - a.score || Date.parse(b.u.createdAt) - Date.parse(a.u.createdAt) || (a.u.id < b.u.id ? -1 : 1))
            .slice(0, limit)
            .map((x) => [x.u.id, x.score]);
          expect(ranked(index, q, { min, limit }), `${q} (min ${min}, limit ${limit}, batch ${batch})`).toEqual(truth);
          compared += truth.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(600);
  }, 120_000);

  it("matches Turkish, Russian, Arabic and Sorani sources through their normalization", () => {
    const cases: [string, string, string, string][] = [
      ["tr", "newstest2019-ref.tur.txt", "İSTANBUL", "istanbul"],
      ["ru", "newstest2019-ref.rus.txt", "Ё", "е"],
      ["ar", "newstest2019-ref.arb.txt", "ة", "ه"],
      ["ckb", "newstest2019-ref.ckb-Arab.txt", "ی", "ي"],
    ];
    for (const [lang, file] of cases) {
      const sentences = lines(file).slice(0, 400);
      const index = new TmIndex(lang, "en");
      sentences.forEach((s, i) => index.add({ ...unit(s, { id: `${lang}${i}` }), sourceLang: lang, targetLang: "en" }));
      const s = sentences[42]!;
      // The same sentence typed with case/keyboard variants is a 99 % match, not 100.
      const variant =
        lang === "tr" ? s.toLocaleUpperCase("tr") : lang === "ru" ? s.toUpperCase() : lang === "ar" ? s.replace(/ه/g, "ة").replace(/ا/g, "أ") : s.replace(/ی/g, "ي").replace(/ک/g, "ك");
      expect(variant).not.toBe(s);
      const got = index.lookup(variant);
      expect(got[0]?.id, lang).toBe(`${lang}42`);
      expect(got[0]?.score, lang).toBe(99);
      expect(index.lookup(s)[0]).toMatchObject({ id: `${lang}42`, score: 100 });
    }
  });

  it("keeps a sentence unit's own texts when they are shared with its paragraph unit (parentId), through removals, replacement and compaction", () => {
    const index = new TmIndex("en", "tr");
    const a = "Turkey believes the Syrian regime was behind the attack.";
    const b = "Ankara has denied the claims made by the opposition on Sunday.";
    const para = unit(`${a} ${b}`, { id: "p", target: "Türkiye saldırının arkasında rejimin olduğuna inanıyor. Ankara iddiaları reddetti." });
    index.add(para);
    index.add(unit(a, { id: "p.s0", origin: "sentence", parentId: "p", target: "Türkiye saldırının arkasında rejimin olduğuna inanıyor." }));
    index.add(unit(b, { id: "p.s1", origin: "sentence", parentId: "p", target: "Ankara iddiaları reddetti." }));
    // A text the paragraph does not contain, and a parent the index does not hold, are kept as given.
    index.add(unit("The talks resumed in Geneva after a pause of two months.", { id: "p.s2", origin: "sentence", parentId: "p", target: "Görüşmeler Cenevre'de yeniden başladı." }));
    index.add(unit("Rebels withdrew from the southern villages overnight.", { id: "q.s0", origin: "sentence", parentId: "q", target: "İsyancılar çekildi." }));
    const expectUnit = (id: string, source: string, target: string) => {
      expect(index.get(id)).toMatchObject({ id, source, target });
      expect(index.lookup(source, { limit: 10 }).find((m) => m.id === id)).toMatchObject({ score: 100, unit: { source, target } });
    };
    expectUnit("p.s0", a, "Türkiye saldırının arkasında rejimin olduğuna inanıyor.");
    expectUnit("p.s1", b, "Ankara iddiaları reddetti.");
    expectUnit("p.s2", "The talks resumed in Geneva after a pause of two months.", "Görüşmeler Cenevre'de yeniden başladı.");
    expectUnit("q.s0", "Rebels withdrew from the southern villages overnight.", "İsyancılar çekildi.");
    // The paragraph replaced by another text and then removed: its sentence units keep theirs.
    index.add({ ...para, source: "Something else entirely was said here today.", target: "Bambaşka." });
    index.remove("p");
    for (let i = 0; i < 1100; i++) index.add(unit(`Filler sentence number ${i} about nothing.`, { id: `f${i}` }));
    for (let i = 0; i < 1100; i++) index.remove(`f${i}`);
    index.compact();
    expectUnit("p.s0", a, "Türkiye saldırının arkasında rejimin olduğuna inanıyor.");
    expectUnit("p.s1", b, "Ankara iddiaları reddetti.");
    expect(index.get("p")).toBeUndefined();
  });
});
