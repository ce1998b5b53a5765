import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, httpSignIn, seed, startServer, type RunningServer, type TestDb } from "../helpers/server";

const STORY = "idlib-2020-02-28";
const PAGES = {
  "story list": "/tr",
  "story (Turkish)": `/tr/stories/${STORY}`,
  "story (English)": `/en/stories/${STORY}`,
  "parallel view": `/en/stories/${STORY}?compare=tr&compare=ar`,
};
const KINDS: ("sqlite" | "postgres")[] = ["sqlite", ...(process.env.TEST_POSTGRES_URL ? (["postgres"] as const) : [])];

/** The SHA-256 CSP sources of a page's inline scripts, computed here independently of the server. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs!))
    .map(([, , body]) => `'sha256-${createHash("sha256").update(body!, "utf8").digest("base64")}'`);
}

/** A page's inline RSC payload (the `self.__next_f.push` scripts), decoded, and its HTML without any script. */
function pageParts(html: string): { payload: string; markup: string } {
  let payload = "";
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    const push = body!.match(/^self\.__next_f\.push\(([\s\S]*)\)$/);
    const chunk = push && JSON.parse(push[1]!)[1];
    if (typeof chunk === "string") payload += chunk;
  }
  return { payload, markup: html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "") };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** How a string appears inside the payload's JSON. */
const json = (s: string) => JSON.stringify(s).slice(1, -1);
const unescapeHtml = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Edits one Turkish paragraph, approves it and publishes the update through the API; returns the new text. */
async function publishTurkishUpdate(url: string, cookie: string): Promise<string> {
  const headers = { "content-type": "application/json", origin: url, cookie };
  const doc = await (await fetch(`${url}/api/v1/documents/${STORY}/translations/tr`, { headers })).json();
  const segment = doc.segments.find((s: { key: string }) => s.key === "s35");
  const text = `${segment.translation.text.replace(/\.$/, "")} (${Math.random().toString(36).slice(2, 10)}).`;
  let r = await fetch(`${url}/api/v1/translations/${segment.id}/tr`, { method: "PUT", headers, body: JSON.stringify({ text, status: "translated", baseVersion: segment.translation.version, qaOverride: { reason: "test" } }) });
  expect(r.status).toBe(200);
  const saved = (await r.json()).translation;
  r = await fetch(`${url}/api/v1/translations/${segment.id}/tr/review`, { method: "POST", headers, body: JSON.stringify({ decision: "approve", baseVersion: saved.version, qaOverride: { reason: "test" } }) });
  expect(r.status).toBe(200);
  r = await fetch(`${url}/api/v1/documents/${STORY}/editions/tr`, { method: "POST", headers, body: JSON.stringify({}) });
  expect(r.status).toBe(200);
  return text;
}

/** Fetches `path` anonymously until its HTML contains `needle` (another instance learns of a publication through PostgreSQL). */
async function untilShown(url: string, path: string, needle: string): Promise<string> {
  for (let i = 0; ; i++) {
    const html = await (await fetch(url + path)).text();
    if (html.includes(needle) || i >= 400) return html;
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const kind of KINDS) {
  describe(`anonymous reader pages from the shared cache (${kind})`, () => {
    let db: TestDb;
    let server: RunningServer;
    let admin: string;

    beforeAll(async () => {
      db = await createTestDb(kind);
      seed(db);
      server = await startServer(db);
      admin = await httpSignIn(server.url, "admin");
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    for (const [name, path] of Object.entries(PAGES)) {
      it(`${name}: public Cache-Control, ETag, no Set-Cookie, served from the server cache`, async () => {
        const first = await fetch(server.url + path);
        expect(first.status).toBe(200);
        expect(first.headers.get("cache-control")).toMatch(/^public,.*s-maxage=\d+.*stale-while-revalidate=\d+/);
        expect(first.headers.get("etag")).toMatch(/^"[\w-]+"$/);
        expect(first.headers.get("set-cookie")).toBeNull();
        await first.text();
        const again = await fetch(server.url + path);
        expect(again.headers.get("x-nextjs-cache")).toBe("HIT");
        expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
      });

      it(`${name}: CSP without nonce, allowing exactly its inline scripts by hash`, async () => {
        const r = await fetch(server.url + path);
        const csp = r.headers.get("content-security-policy")!;
        const html = await r.text();
        expect(csp).not.toContain("nonce-");
        expect(csp).not.toContain("unsafe-inline");
        expect(html).not.toMatch(/\snonce=/);
        const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
        const hashes = inlineScriptHashes(html);
        expect(hashes.length).toBeGreaterThan(0);
        for (const h of hashes) expect(scriptSrc).toContain(h);
      });

      it(`${name}: 304 on a matching If-None-Match, 200 on another`, async () => {
        const etag = (await fetch(server.url + path)).headers.get("etag")!;
        const hit = await fetch(server.url + path, { headers: { "if-none-match": etag } });
        expect(hit.status).toBe(304);
        expect(await hit.text()).toBe("");
        expect(hit.headers.get("etag")).toBe(etag);
        const miss = await fetch(server.url + path, { headers: { "if-none-match": '"something-else"' } });
        expect(miss.status).toBe(200);
      });
    }

    it("a story page sends each text once as HTML and once as data, and each concept's tooltip card once, not per term", async () => {
      const headers = { "content-type": "application/json", origin: server.url, cookie: admin };
      const { concepts } = await (await fetch(`${server.url}/api/v1/glossary/concepts?q=sochi`, { headers })).json();
      const definition: string = concepts.find((c: { id: string }) => c.id === "sochi-deal").definition;
      for (const path of [PAGES["story (Turkish)"], PAGES["parallel view"]]) {
        const { payload, markup } = pageParts(await (await fetch(server.url + path)).text());
        // The glossary markup and the tooltips are the client's: the server's HTML has the plain text.
        expect(markup).not.toMatch(/role="tooltip"|aria-describedby|data-concept|reader-term/);
        expect(count(payload, '"sochi-deal"')).toBe(1);
        expect(count(payload, json(definition)) + count(markup, definition)).toBe(1);
        // The paragraphs (the title and the dateline are also the page's metadata).
        const paragraphs = [...markup.matchAll(/<(p|tr)\b[^>]*\bsegment-paragraph\b[^>]*>([\s\S]*?)<\/\1>/g)].map(([, tag, inner]) => (tag === "p" ? `<td>${inner}</td>` : inner!));
        const texts = paragraphs.flatMap((cells) => [...cells.matchAll(/<td\b[^>]*>([^<]+)<\/td>/g)].map(([, t]) => unescapeHtml(t!)));
        expect(texts.length).toBeGreaterThan(path.includes("compare") ? 60 : 20);
        for (const text of texts) expect(count(payload, json(text)), text).toBe(1);
      }
    });

    it("anonymous HTML carries no user data, even after a signed-in reader viewed the page", async () => {
      const signedIn = await fetch(server.url + PAGES["story (Turkish)"], { headers: { cookie: admin } });
      const mine = await signedIn.text();
      expect(mine).toContain('data-testid="account-name"');
      expect(signedIn.headers.get("cache-control")).toMatch(/private|no-store/);
      expect(signedIn.headers.get("content-security-policy")).toContain("nonce-");
      const anonymous = await (await fetch(server.url + PAGES["story (Turkish)"])).text();
      expect(anonymous).not.toContain('data-testid="account-name"');
      expect(anonymous).not.toContain('data-testid="edit-links"');
      expect(anonymous).toContain('data-testid="sign-in-link"');
    });

    it("publishing an update revalidates the cached page: the next anonymous request has the new text", async () => {
      const path = PAGES["story (Turkish)"];
      const before = await fetch(server.url + path);
      const etag = before.headers.get("etag")!;
      await before.text();
      const text = await publishTurkishUpdate(server.url, admin);
      const after = await fetch(server.url + path, { headers: { "if-none-match": etag } });
      expect(after.status).toBe(200);
      expect(await after.text()).toContain(text);
      expect(await (await fetch(server.url + "/tr")).text()).toContain('data-testid="story-updated"');
    });

    it("a glossary change revalidates every cached page: the tooltips carry the edited definition and a deprecated term is no longer marked", async () => {
      const headers = { "content-type": "application/json", origin: server.url, cookie: admin };
      const path = PAGES["story (Turkish)"];
      const parallel = PAGES["parallel view"];
      for (const p of [path, parallel]) await (await fetch(server.url + p)).text();
      expect((await fetch(server.url + path)).headers.get("x-nextjs-cache")).toBe("HIT");
      const list = await (await fetch(`${server.url}/api/v1/glossary/concepts?q=sochi`, { headers })).json();
      const concept = list.concepts.find((c: { id: string }) => c.id === "sochi-deal");
      const marker = `Marker ${Math.random().toString(36).slice(2, 10)}`;
      let r = await fetch(`${server.url}/api/v1/glossary/concepts/sochi-deal`, { method: "PATCH", headers, body: JSON.stringify({ definition: `${concept.definition} ${marker}`, baseUpdatedAt: concept.updatedAt }) });
      expect(r.status).toBe(200);
      for (const p of [path, parallel]) expect(await (await fetch(server.url + p)).text()).toContain(marker);

      expect(pageParts(await (await fetch(server.url + path)).text()).payload).toContain('"sochi-deal"');
      for (const term of concept.terms.filter((t: { lang: string; status: string }) => t.lang === "tr" && t.status === "approved")) {
        r = await fetch(`${server.url}/api/v1/glossary/tr/terms/${term.id}/review`, { method: "POST", headers, body: JSON.stringify({ decision: "deprecate" }) });
        expect(r.status).toBe(200);
      }
      expect(pageParts(await (await fetch(server.url + path)).text()).payload).not.toContain('"sochi-deal"');
    });

    it("unpublishing takes the edition off the cached pages", async () => {
      const path = `/ru/stories/${STORY}`;
      expect(await (await fetch(server.url + path)).text()).not.toContain('data-testid="story-not-published"');
      const r = await fetch(`${server.url}/api/v1/documents/${STORY}/editions/ru/unpublish`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie: admin }, body: JSON.stringify({ reason: "test" }) });
      expect(r.status).toBe(200);
      expect(await (await fetch(server.url + path)).text()).toContain('data-testid="story-not-published"');
    });
  });
}

describe.skipIf(!process.env.TEST_POSTGRES_URL)("two instances sharing PostgreSQL", () => {
  let db: TestDb;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    db = await createTestDb("postgres");
    seed(db);
    [a, b] = await Promise.all([startServer(db), startServer(db)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it("a publication through one instance revalidates the other's cached page", async () => {
    const path = PAGES["story (Turkish)"];
    await (await fetch(b.url + path)).text();
    const cached = await fetch(b.url + path);
    expect(cached.headers.get("x-nextjs-cache")).toBe("HIT");
    await cached.text();
    const text = await publishTurkishUpdate(a.url, await httpSignIn(a.url, "admin"));
    expect(await untilShown(b.url, path, text)).toContain(text);
  });

  it("a glossary change through one instance revalidates the other's cached pages", async () => {
    const path = PAGES["story (Turkish)"];
    await (await fetch(b.url + path)).text();
    expect((await fetch(b.url + path)).headers.get("x-nextjs-cache")).toBe("HIT");
    const cookie = await httpSignIn(a.url, "admin");
    const headers = { "content-type": "application/json", origin: a.url, cookie };
    const concept = (await (await fetch(`${a.url}/api/v1/glossary/concepts?q=sochi`, { headers })).json()).concepts.find((c: { id: string }) => c.id === "sochi-deal");
    const marker = `Marker ${Math.random().toString(36).slice(2, 10)}`;
    const r = await fetch(`${a.url}/api/v1/glossary/concepts/sochi-deal`, { method: "PATCH", headers, body: JSON.stringify({ definition: `${concept.definition} ${marker}`, baseUpdatedAt: concept.updatedAt }) });
    expect(r.status).toBe(200);
    expect(await untilShown(b.url, path, marker)).toContain(marker);
  });
});
