/**
 * Issue 11, finding 1: the anonymous endpoints that compute are rate-limited
 * per client (429 with Retry-After and the JSON error body) and capped in
 * size (413), and the worst shape at the largest size is answered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { anonymousCompute, userCompute } from "@/lib/api/throttle";

const ENDPOINTS = [
  { url: "/api/v1/qa/check", json: (text: string) => ({ sourceLang: "en", targetLang: "tr", source: text, target: text }) },
  { url: "/api/v1/glossary/recognize", json: (text: string) => ({ lang: "en", text }) },
  { url: "/api/v1/glossary/lookup", json: (text: string) => ({ sourceLang: "en", targetLang: "tr", source: text, target: text }) },
];

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`compute limits on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    const clock = new TestClock();
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse-limits@example.org", username: "ayse-limits", password: "limits-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse-limits", "limits-password")).cookie!;
      await seedGlossary(t.db, loadGlossaryFiles());
      anonymousCompute.now = userCompute.now = () => clock.now;
    });
    afterEach(() => {
      anonymousCompute.reset();
      userCompute.reset();
    });
    afterAll(async () => {
      anonymousCompute.now = userCompute.now = Date.now;
      await t?.destroy();
    });

    for (const e of ENDPOINTS) {
      it(`${e.url}: an anonymous client past its budget gets 429 with Retry-After, and is served again once it refills`, async () => {
        const { capacity } = anonymousCompute.options;
        for (let i = 0; i < capacity; i++) expect((await call("POST", e.url, { json: e.json("Idlib") })).status).toBe(200);
        const refused = await call("POST", e.url, { json: e.json("Idlib") });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(await refused.json()).toMatchObject({ error: { code: "rate_limited", details: { retryAfterSeconds: expect.any(Number) } } });
        // A signed-in user is counted apart.
        expect((await call("POST", e.url, { json: e.json("Idlib"), cookie })).status).toBe(200);
        clock.advance(Number(refused.headers.get("retry-after")) * 1000);
        expect((await call("POST", e.url, { json: e.json("Idlib") })).status).toBe(200);
      });

      it(`${e.url}: large texts cost more, and a body past the cap is 413`, async () => {
        const big = "Idlib ".repeat(16_000); // 96,000 characters: 10 tokens (qa and lookup send it twice: 20)
        let served = 0;
        while ((await call("POST", e.url, { json: e.json(big) })).status === 200) served++;
        expect(served).toBeLessThan(anonymousCompute.options.capacity / 5);
        const tooLarge = await call("POST", e.url, { body: JSON.stringify(e.json("x".repeat(600_000))), headers: { "content-type": "application/json" }, cookie });
        expect(tooLarge.status).toBe(413);
        expect(await tooLarge.json()).toMatchObject({ error: { code: "payload_too_large" } });
      });
    }

    it("answers /qa/check on the worst shape at the largest size (the request that used to kill the server)", async () => {
      const r = await call("POST", "/api/v1/qa/check", { json: { sourceLang: "en", targetLang: "tr", source: "1.".repeat(49_999), target: "1,".repeat(49_999) } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { issues: { check: string }[] }).issues.filter((i) => i.check === "numbers")).toEqual([]);
    });
  });
}
