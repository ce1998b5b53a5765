import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, httpSignIn, seed, startServer, type RunningServer, type TestDb } from "../helpers/server";
import { buildStories } from "../helpers/scale";
import { createDb } from "@/lib/db/connection";
import { TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";

// Issue 12: the workbench list renders its documents a few at a time (one slice per turn of the event
// loop, so that other requests are not kept waiting behind the whole page). The page still holds every
// document of the page, in the list's order, with its counts.

const KINDS: ("sqlite" | "postgres")[] = ["sqlite", ...(process.env.TEST_POSTGRES_URL ? (["postgres"] as const) : [])];

type Summary = { slug: string; progress: Record<string, { untranslated: number; draft: number; translated: number; approved: number; outdated: number }> };

for (const kind of KINDS) {
  describe(`the workbench list page (${kind})`, () => {
    let db: TestDb;
    let server: RunningServer;
    let admin: string;

    beforeAll(async () => {
      db = await createTestDb(kind);
      seed(db);
      // More documents than one slice of the rendering, fewer than a page.
      const k = createDb(kind === "sqlite" ? { dialect: "sqlite", file: db.file! } : { dialect: "postgres", url: db.url! });
      await buildStories(k, 0, 14);
      await k.destroy();
      server = await startServer(db);
      admin = await httpSignIn(server.url, "admin");
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it("shows every document of the page in the list's order, with the counts per language", async () => {
      for (const query of ["", "?sort=title", "?lang=tr&progress=needs_work&sort=title"]) {
        const api = (await (await fetch(`${server.url}/api/v1/documents${query}`, { headers: { cookie: admin } })).json()) as { documents: Summary[] };
        expect(api.documents.length).toBeGreaterThan(5); // more than one slice
        const r = await fetch(`${server.url}/en/workbench${query}`, { headers: { cookie: admin } });
        expect(r.status).toBe(200);
        const html = await r.text();
        const shown = [...html.matchAll(/<section class="wb-doc" data-testid="doc-([^"]+)"/g)].map((m) => m[1]);
        expect(shown).toEqual(api.documents.map((d) => d.slug));
        for (const doc of api.documents) {
          for (const lang of TARGET_LANGUAGE_CODES) {
            const row = html.slice(html.indexOf(`data-testid="progress-${doc.slug}-${lang}"`));
            const p = doc.progress[lang]!;
            for (const s of ["untranslated", "draft", "translated", "approved"] as const) {
              expect(row).toMatch(new RegExp(`^[^]*?data-testid="count-${s}">[^<]*: ${p[s].toLocaleString("en")}<`));
            }
          }
        }
      }
    });
  });
}
