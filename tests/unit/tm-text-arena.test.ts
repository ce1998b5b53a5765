import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { TmIndex, type TmUnit } from "@/features/tm/index";
import { TextArena, utf8Length } from "@/features/tm/text-arena";

const samples = [
  "",
  "Idlib",
  "Rusya, Soçi mutabakatı çerçevesinde İdlib’de “gerginliği azaltma bölgesi” kurulmasını istedi.",
  "«Калибр» — крылатая ракета; ХТШ (Хайят Тахрир аш-Шам).",
  "قالت هيئة تحرير الشام إن ٣٣ جندياً قُتلوا.",
  "هەیئەی تەحریر ئەلشام ڕایگەیاند کە ٣٣ سەرباز کوژران.",
  "Astral 😀 and CJK 中文 and a combining e\u0301.",
];

describe("TextArena", () => {
  it("gives back every text it stores, in every script, across chunk boundaries", () => {
    const arena = new TextArena();
    const refs = new Int32Array(3 * 3000);
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(samples[i % samples.length]!.repeat(1 + (i % 40)) + ` #${i}`);
    texts[1234] = "ж".repeat(200_000); // longer than a chunk of its own
    texts.forEach((t, i) => arena.write(t, refs, 3 * i));
    texts.forEach((t, i) => {
      expect(arena.read(refs, 3 * i)).toBe(t);
      expect(refs[3 * i + 2]).toBe(Buffer.byteLength(t));
      expect(arena.equals(refs, 3 * i, t)).toBe(true);
      expect(arena.equals(refs, 3 * i, `${t}x`)).toBe(false);
    });
    expect(arena.written).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
  });

  it("references a part of a stored text by byte range, and stores a part it does not contain", () => {
    const arena = new TextArena();
    const refs = new Int32Array(12);
    const whole = samples.slice(2).join(" ");
    arena.write(whole, refs, 0);
    const before = arena.written;
    for (const part of [samples[4]!, samples[6]!]) {
      expect(arena.writeWithin(whole, refs, 0, part, refs, 3)).toBe(true);
      expect(arena.read(refs, 3)).toBe(part);
    }
    expect(arena.written).toBe(before);
    expect(arena.writeWithin(whole, refs, 0, "A sentence that is not in it.", refs, 6)).toBe(false);
    expect(arena.read(refs, 6)).toBe("A sentence that is not in it.");
    const copy = new TextArena();
    copy.copyFrom(arena, refs, 3, refs, 9);
    expect(copy.read(refs, 9)).toBe(samples[6]);
  });

  it("orders stored texts as their strings compare", () => {
    const arena = new TextArena();
    const texts = ["a", "ab", "b", "", "ünit", "unit-10", "unit-9", "Ж", "ж", "😀", "z"];
    const refs = new Int32Array(3 * texts.length);
    texts.forEach((t, i) => arena.write(t, refs, 3 * i));
    const order = texts.map((_, i) => i).sort((a, b) => arena.compare(refs, 3 * a, refs, 3 * b));
    expect(order.map((i) => texts[i])).toEqual([...texts].sort());
  });

  it("counts UTF-8 bytes of a slice as the encoder does", () => {
    for (const s of samples) for (let i = 0; i <= s.length; i += 3) expect(utf8Length(s, 0, i)).toBe(Buffer.byteLength(s.slice(0, i)));
  });
});

describe("TmIndex texts", () => {
  const unit = (i: number, extra: Partial<TmUnit> = {}): TmUnit => ({
    id: `ünit-${i}-😀`,
    source: `${samples[2 + (i % 5)]} Paragraph ${i} of the memory, with enough words to be a paragraph.`,
    target: `${samples[2 + ((i + 1) % 5)]} — ${i}`,
    sourceLang: "en",
    targetLang: "ckb",
    origin: "test",
    createdAt: "2024-01-01T00:00:00.000Z",
    ...extra,
  });

  it("returns ids, sources and targets exactly after compaction, with sentence units shared with kept paragraphs", () => {
    const index = new TmIndex("en", "ckb");
    for (let i = 0; i < 3000; i++) {
      const p = unit(i);
      index.add(p);
      const [first] = p.source.split(" Paragraph ");
      index.add({ ...p, id: `${p.id}.s0`, source: first!, target: p.target.split(" — ")[0]!, origin: "sentence", parentId: p.id });
    }
    for (let i = 0; i < 3000; i += 3) index.remove(unit(i).id); // paragraphs gone, their sentence units kept
    for (let i = 1; i < 3000; i += 3) index.remove(`${unit(i).id}.s0`);
    for (let i = 2; i < 3000; i += 3) index.remove(unit(i).id), index.remove(`${unit(i).id}.s0`);
    index.compact();
    for (let i = 0; i < 3000; i++) {
      const p = unit(i);
      const s0 = index.get(`${p.id}.s0`);
      const para = index.get(p.id);
      if (i % 3 === 0) expect([para, s0]).toEqual([undefined, expect.objectContaining({ source: p.source.split(" Paragraph ")[0], target: p.target.split(" — ")[0] })]);
      if (i % 3 === 1) expect([para, s0]).toEqual([expect.objectContaining({ id: p.id, source: p.source, target: p.target }), undefined]);
      if (i % 3 === 2) expect([para, s0]).toEqual([undefined, undefined]);
    }
    const match = index.lookup(unit(4).source)[0]!;
    expect(match).toMatchObject({ id: unit(4).id, score: 100, unit: { source: unit(4).source, target: unit(4).target } });
    expect(index.length).toBe(2000);
  });

  it("keeps the texts off the JavaScript heap", () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const heap = () => {
      gc();
      gc();
      return v8.getHeapStatistics().used_heap_size;
    };
    const n = 20_000;
    // Each unit's texts are made as it is added, so that only the index holds them afterwards.
    const make = (i: number) => ({ ...unit(i), source: `${"Cumhurbaşkanı Erdoğan Soçi mutabakatını hatırlattı. ".repeat(6)}${i}`, target: `${"Президент напомнил о сочинских договорённостях. ".repeat(6)}${i}` });
    const index = new TmIndex("en", "ckb");
    const before = heap();
    let textChars = 0;
    for (let i = 0; i < n; i++) {
      const u = make(i);
      textChars += u.id.length + u.source.length + u.target.length;
      index.add(u);
    }
    const grown = heap() - before;
    // As strings the texts alone would take at least textChars bytes (two for the Cyrillic ones).
    expect(grown).toBeLessThan(textChars / 3);
    expect(index.get(unit(7).id)?.source).toMatch(/^Cumhurbaşkanı .* 7$/);
  });
});
