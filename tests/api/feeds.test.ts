import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { BASE, TestClock, useAuth } from "../helpers/api";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedStories } from "@/features/stories/server/seed";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { publishSeedEditions } from "@/features/editions/server/seed";
import { unpublishEdition } from "@/features/editions/server/service";
import { LANGUAGE_CODES, getLanguage } from "@/lib/i18n/languages";
import { LocalEventBus, setEventBus } from "@/features/workbench/server/events";
import * as feedRoute from "@/app/feeds/[file]/route";
import * as sitemapRoute from "@/app/sitemap.xml/route";

const SLUG = "idlib-2020-02-28";

/** xmllint's well-formedness check (no schema): exit code 0 and nothing printed. */
function wellFormed(xml: string): { ok: boolean; output: string } {
  const r = spawnSync("xmllint", ["--nonet", "--noout", "-"], { input: xml, encoding: "utf8" });
  if (r.error) throw new Error("xmllint is not installed: apt-get install -y libxml2-utils");
  return { ok: r.status === 0, output: r.stderr };
}

const feed = (file: string) => feedRoute.GET(new Request(`${BASE}/feeds/${file}`), { params: Promise.resolve({ file }) });
const sitemap = () => sitemapRoute.GET(new Request(`${BASE}/sitemap.xml`), { params: Promise.resolve({}) });

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`feeds and sitemap on ${dialect.name}`, () => {
    let t: TestDatabase;

    beforeAll(async () => {
      t = await dialect.create();
      setEventBus(new LocalEventBus());
      useAuth(t.db, new TestClock());
      await seedStories(t.db, loadStoryContent());
      await seedGlossary(t.db, loadGlossaryFiles());
      await publishSeedEditions(t.db, [SLUG]);
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("GET /feeds/{lang}.xml is a well-formed Atom feed with an entry per published edition in that language", async () => {
      const response = await feed("ckb.xml");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/atom+xml");
      expect(response.headers.get("cache-control")).toContain("public");
      const xml = await response.text();
      expect(wellFormed(xml)).toEqual({ ok: true, output: "" });
      expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ckb">');
      expect(xml.match(/<entry>/g)).toHaveLength(1);
      expect(xml).toContain(`<id>http://localhost:3000/ckb/stories/${SLUG}</id>`);
      expect(xml).toMatch(/<title>[^<]*ئیدلیب[^<]*<\/title>/);
    });

    it("an unpublished edition leaves its feed; unknown feeds are 404", async () => {
      await unpublishEdition(t.db, { id: "test", label: "test" }, SLUG, "ru", "Test.");
      const xml = await (await feed("ru.xml")).text();
      expect(wellFormed(xml).ok).toBe(true);
      expect(xml).not.toContain("<entry>");
      expect((await feed("xx.xml")).status).toBe(404);
      expect((await feed("tr.json")).status).toBe(404);
    });

    it("GET /sitemap.xml lists every published edition with the story's other published editions as hreflang alternates", async () => {
      const response = await sitemap();
      const xml = await response.text();
      expect(wellFormed(xml)).toEqual({ ok: true, output: "" });
      const storyUrls = [...xml.matchAll(/<url><loc>([^<]*\/stories\/[^<]*)<\/loc>(.*?)<\/url>/g)];
      // Every language but ru (unpublished above), in the language table's order.
      const published = LANGUAGE_CODES.filter((l) => l !== "ru");
      expect(storyUrls.map((m) => m[1])).toEqual(published.map((l) => `http://localhost:3000/${l}/stories/${SLUG}`));
      for (const m of storyUrls) {
        expect([...m[2]!.matchAll(/hreflang="([^"]+)"/g)].map((h) => h[1])).toEqual(published.map((l) => getLanguage(l).bcp47));
      }
    });
  });
}
