import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SEGMENT_KINDS } from "@/lib/db/schema";
import { LANGUAGE_CODES, SOURCE_LANGUAGE, languagesDir } from "@/lib/i18n/languages";

/** Where the seeded stories live: content/stories/<slug>/<lang>.json. */
export const CONTENT_DIR = path.join(process.cwd(), "content", "stories");

const segmentKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "segment keys are lowercase letters, digits and hyphens");

export const sourceFileSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  sourceLang: z.literal(SOURCE_LANGUAGE),
  publishedAt: z.iso.datetime({ offset: true }),
  source: z.string().optional(),
  segments: z
    .array(z.object({ key: segmentKey, kind: z.enum(SEGMENT_KINDS), text: z.string().trim().min(1) }))
    .min(1)
    .refine((segs) => new Set(segs.map((s) => s.key)).size === segs.length, "segment keys must be unique"),
});

export const translationFileSchema = z.object({
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]),
  translations: z.record(segmentKey, z.string().trim().min(1)),
});

export type SourceFile = z.infer<typeof sourceFileSchema>;
export type TranslationFile = z.infer<typeof translationFileSchema>;

export interface StoryContent {
  readonly source: SourceFile;
  readonly translations: readonly TranslationFile[];
}

/** Reads and validates every story under `dir`; throws naming the bad file. */
export function loadStoryContent(dir: string = CONTENT_DIR): StoryContent[] {
  if (!fs.existsSync(dir)) return [];
  const stories: StoryContent[] = [];
  for (const slug of fs.readdirSync(dir).sort()) {
    const storyDir = path.join(dir, slug);
    if (!fs.statSync(storyDir).isDirectory()) continue;
    const read = (file: string) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(storyDir, file), "utf8")) as unknown;
      } catch (e) {
        throw new Error(`${path.join(storyDir, file)}: ${(e as Error).message}`);
      }
    };
    const parsed = sourceFileSchema.safeParse(read(`${SOURCE_LANGUAGE}.json`));
    if (!parsed.success) throw new Error(`${storyDir}/${SOURCE_LANGUAGE}.json: ${z.prettifyError(parsed.error)}`);
    const source = parsed.data;
    if (source.slug !== slug) throw new Error(`${storyDir}: slug "${source.slug}" does not match its folder`);
    const keys = new Set(source.segments.map((s) => s.key));
    const translations: TranslationFile[] = [];
    // The translations beside the source, then those of LANGUAGES_DIR's languages (content/stories/<slug>/<lang>.json there).
    const extraDir = dir === CONTENT_DIR && languagesDir() ? path.resolve(languagesDir()!, "content", "stories", slug) : undefined;
    const files = fs.readdirSync(storyDir).sort().map((f) => path.join(storyDir, f));
    if (extraDir && fs.existsSync(extraDir)) files.push(...fs.readdirSync(extraDir).sort().map((f) => path.join(extraDir, f)));
    const seen = new Set<string>();
    for (const full of files) {
      const file = path.basename(full);
      if (!file.endsWith(".json") || file === `${SOURCE_LANGUAGE}.json` || seen.has(file)) continue;
      seen.add(file);
      const t = translationFileSchema.safeParse(read(path.relative(storyDir, full)));
      if (!t.success) throw new Error(`${full}: ${z.prettifyError(t.error)}`);
      if (`${t.data.lang}.json` !== file) throw new Error(`${full}: lang "${t.data.lang}" does not match the file name`);
      const unknown = Object.keys(t.data.translations).filter((k) => !keys.has(k));
      if (unknown.length) throw new Error(`${full}: unknown segment keys ${unknown.join(", ")}`);
      translations.push(t.data);
    }
    stories.push({ source, translations });
  }
  return stories;
}
