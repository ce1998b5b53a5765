// Builds the story the end-to-end tests pre-translate (tests/e2e/mt.spec.ts): a title and the
// first 200 NTREX sentences, as seed content. The long story (long-story.mjs) approves the Turkish
// translation of every other one of these sentences, so the memory fills half of it at 100 % and
// machine translation the rest.
import fs from "node:fs";
import path from "node:path";

export const MT_STORY = "e2e-mt-long-story";
export const MT_STORY_PARAGRAPHS = 200;

export function writeMtStory(contentDir) {
  const en = fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "ntrex", "newstest2019-src.eng.txt"), "utf8").split(/\r?\n/).filter(Boolean).slice(0, MT_STORY_PARAGRAPHS);
  const dir = path.join(contentDir, MT_STORY);
  fs.mkdirSync(dir, { recursive: true });
  const segments = [{ key: "title", kind: "title", text: "Pre-translation: the NTREX news sentences" }, ...en.map((text, i) => ({ key: `p${i + 1}`, kind: "paragraph", text }))];
  fs.writeFileSync(
    path.join(dir, "en.json"),
    JSON.stringify({ slug: MT_STORY, sourceLang: "en", publishedAt: "2019-01-02T00:00:00+00:00", source: "NTREX-128 (CC BY-SA 4.0), see tests/fixtures/ntrex/SOURCE.md", segments }),
  );
  return segments.length;
}
