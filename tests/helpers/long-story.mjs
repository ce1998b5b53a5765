// Builds a 1,998-segment story from the NTREX sentences (title + 1,997 paragraphs),
// with approved Turkish translations for every other paragraph, as seed content.
import fs from "node:fs";
import path from "node:path";

export const LONG_STORY = "e2e-long-story";

export function writeLongStory(contentDir) {
  const read = (f) => fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "ntrex", f), "utf8").split(/\r?\n/).filter(Boolean);
  const en = read("newstest2019-src.eng.txt");
  const tr = read("newstest2019-ref.tur.txt");
  const dir = path.join(contentDir, LONG_STORY);
  fs.mkdirSync(dir, { recursive: true });
  const segments = [{ key: "title", kind: "title", text: "A long document: the NTREX news sentences" }, ...en.map((text, i) => ({ key: `p${i + 1}`, kind: "paragraph", text }))];
  fs.writeFileSync(
    path.join(dir, "en.json"),
    JSON.stringify({ slug: LONG_STORY, sourceLang: "en", publishedAt: "2019-01-01T00:00:00+00:00", source: "NTREX-128 (CC BY-SA 4.0), see tests/fixtures/ntrex/SOURCE.md", segments }),
  );
  const translations = Object.fromEntries(tr.map((text, i) => [`p${i + 1}`, text]).filter((_, i) => i % 2 === 0));
  fs.writeFileSync(path.join(dir, "tr.json"), JSON.stringify({ lang: "tr", translations }));
  return segments.length;
}
