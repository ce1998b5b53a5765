import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, saveTranslation } from "@/features/stories/server/repository";

const SLUG = "idlib-2020-02-28";
const content = loadStoryContent();
const story = content.find((s) => s.source.slug === SLUG)!;
const source = (key: string) => story.source.segments.find((s) => s.key === key)!.text;
const translation = (lang: string, key: string) => story.translations.find((t) => t.lang === lang)!.translations[key]!;

type Match = { source: string; target: string; score: number; origin: string; originDetail: string | null };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`translation memory API on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedStories(t.db, content, "2026-01-01T00:00:00.000Z");
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "tm-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse", "tm-password")).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const lookup = async (params: Record<string, string>) => {
      const r = await call("GET", `/api/v1/tm/lookup?${new URLSearchParams(params)}`, { cookie });
      expect(r.status).toBe(200);
      return ((await r.json()) as { matches: Match[] }).matches;
    };

    it("finds the approved translation of the same source: 101 % in its context, 100 % elsewhere", async () => {
      const inContext = await lookup({ targetLang: "tr", text: source("s05"), prev: source("s04"), next: source("s06") });
      expect(inContext[0]).toMatchObject({ source: source("s05"), target: translation("tr", "s05"), score: 101, origin: "workbench", originDetail: SLUG });
      const elsewhere = await lookup({ targetLang: "tr", text: source("s05"), prev: "Another story starts here." });
      expect(elsewhere[0]).toMatchObject({ target: translation("tr", "s05"), score: 100 });
      expect((await lookup({ targetLang: "tr", text: source("s05") }))[0]!.score).toBe(100);
    });

    it("ranks fuzzy matches by word-level similarity and applies min and limit", async () => {
      const edited = source("s08").replace("televised", "written");
      const matches = await lookup({ targetLang: "ru", text: edited, min: "50" });
      expect(matches[0]).toMatchObject({ source: source("s08"), target: translation("ru", "s08") });
      expect(matches[0]!.score).toBeGreaterThanOrEqual(80);
      expect(matches[0]!.score).toBeLessThan(100);
      expect(await lookup({ targetLang: "ru", text: edited, min: "100" })).toEqual([]);
      expect((await lookup({ targetLang: "ar", text: "Idlib Idlib Syria Turkey Russia", min: "1", limit: "2", granularity: "paragraph" })).length).toBeLessThanOrEqual(2);
    });

    it("follows approvals: a newly approved translation is found at once, an unapproved one no more", async () => {
      const seg = seedSegmentId(SLUG, "s09");
      const current = (await findTranslation(t.db, seg, "tr"))!;
      const text = `${current.text} (güncellendi)`;
      await saveTranslation(t.db, { segmentId: seg, lang: "tr", text, status: "translated", baseVersion: current.version, authorId: null, origin: "test" });
      expect((await lookup({ targetLang: "tr", text: source("s09") })).filter((m) => m.score === 100)).toEqual([]);
      await saveTranslation(t.db, { segmentId: seg, lang: "tr", text, status: "approved", baseVersion: current.version + 1, authorId: null, origin: "test" });
      expect((await lookup({ targetLang: "tr", text: source("s09") }))[0]).toMatchObject({ target: text, score: 100 });
    });

    it("searches sources and targets, folding case, accents and script variants", async () => {
      const r = await call("GET", `/api/v1/tm/concordance?${new URLSearchParams({ targetLang: "tr", q: "İDLİB'DE", in: "target" })}`, { cookie });
      expect(r.status).toBe(200);
      const { units } = (await r.json()) as { units: Match[] };
      expect(units.length).toBeGreaterThan(0);
      for (const u of units) expect(u.target.toLocaleLowerCase("tr")).toContain("idlib'de");
      const ar = (await (await call("GET", `/api/v1/tm/concordance?${new URLSearchParams({ targetLang: "ar", q: "ادلب" })}`, { cookie })).json()) as { units: Match[] };
      expect(ar.units.some((u) => u.target.includes("إدلب"))).toBe(true);
      const wildcard = (await (await call("GET", `/api/v1/tm/concordance?${new URLSearchParams({ targetLang: "tr", q: "%_" })}`, { cookie })).json()) as { units: Match[] };
      expect(wildcard.units).toEqual([]);
    });

    it("needs a signed-in user and says what is wrong with a query", async () => {
      expect((await call("GET", `/api/v1/tm/lookup?targetLang=tr&text=Idlib`)).status).toBe(401);
      const bad = await call("GET", `/api/v1/tm/lookup?targetLang=xx&text=`, { cookie });
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.details.map((d) => d.path).sort()).toEqual(["targetLang", "text"]);
    });
  });
}
