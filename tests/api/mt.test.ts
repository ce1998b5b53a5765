import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { startDeepl } from "../stubs/mt/deepl";
import { startGoogle } from "../stubs/mt/google";
import { startAzure } from "../stubs/mt/azure";
import { startLibreTranslate } from "../stubs/mt/libretranslate";
import { startOpenAi } from "../stubs/mt/openai";
import type { Stub } from "../stubs/mt/server";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { bumpGlossaryVersion } from "@/features/glossary/server/repository";
import { readMtConfig } from "@/features/mt/config";
import { setMtConfig } from "@/features/mt/server/service";
import { effortPermille } from "@/features/mt/effort";
import { findTranslation } from "@/features/stories/server/repository";
import { createDocument } from "@/features/documents/server/service";
import { pretranslationFinished } from "@/features/mt/server/pretranslate";
import { ANONYMOUS } from "@/features/auth/permissions";

const SLUG = "idlib-2020-02-28";
const content = loadStoryContent();
const story = content.find((s) => s.source.slug === SLUG)!;
const source = (key: string) => story.source.segments.find((s) => s.key === key)!.text;
const PASSWORD = "mt-password";

interface Suggestion {
  provider: string;
  text: string;
  cached: boolean;
  glossary: { conceptId: string; expected: string | null; found: boolean }[];
  issues: { check: string; severity: string }[];
}
interface SuggestBody {
  suggestions: Suggestion[];
  failures: { provider: string; code: string; message: string }[];
  skipped: { provider: string; reason: string }[];
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`machine translation on ${dialect.name}`, () => {
    let t: TestDatabase;
    let translator: string;
    let arTranslator: string;
    let admin: string;
    const stubs: Record<string, Stub> = {};
    const env = () => ({
      DEEPL_API_KEY: "deepl-key:fx",
      DEEPL_API_URL: stubs.deepl!.url,
      GOOGLE_TRANSLATE_API_KEY: "google-key",
      GOOGLE_TRANSLATE_URL: stubs.google!.url,
      AZURE_TRANSLATOR_KEY: "azure-key",
      AZURE_TRANSLATOR_REGION: "westeurope",
      AZURE_TRANSLATOR_URL: stubs.azure!.url,
      LIBRETRANSLATE_URL: stubs.libre!.url,
      LIBRETRANSLATE_API_KEY: "libre-key",
      OPENAI_BASE_URL: `${stubs.openai!.url}`,
      OPENAI_API_KEY: "openai-key",
      OPENAI_MODEL: "newsroom-model",
      MT_TIMEOUT_MS: "1500",
    });
    const configure = (extra: Record<string, string> = {}) => setMtConfig(readMtConfig({ ...env(), ...extra }));

    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedStories(t.db, content, "2026-01-01T00:00:00.000Z");
      await seedGlossary(t.db, loadGlossaryFiles());
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }, { role: "translator", lang: "ckb" }] }, null);
      await createUserAccount(auth, t.db, { name: "Layla", email: "layla@example.org", username: "layla", password: PASSWORD, grants: [{ role: "translator", lang: "ar" }] }, null);
      await createUserAccount(auth, t.db, { name: "Root", email: "root@example.org", username: "root", password: PASSWORD, grants: [], admin: true } as never, null);
      translator = (await signIn("ayse", PASSWORD)).cookie!;
      arTranslator = (await signIn("layla", PASSWORD)).cookie!;
      admin = (await signIn("root", PASSWORD)).cookie!;
      stubs.deepl = await startDeepl("deepl-key:fx");
      stubs.google = await startGoogle("google-key");
      stubs.azure = await startAzure("azure-key", "westeurope");
      stubs.libre = await startLibreTranslate("libre-key");
      stubs.openai = await startOpenAi("openai-key");
    });
    afterAll(async () => {
      setMtConfig(null);
      await Promise.all(Object.values(stubs).map((s) => s.close()));
      await t?.destroy();
    });
    beforeEach(() => {
      for (const s of Object.values(stubs)) s.requests.length = 0;
    });

    const suggest = async (json: unknown, cookie = translator) => {
      const r = await call("POST", "/api/v1/mt/suggest", { cookie, json });
      const body = (await r.json()) as SuggestBody & { error?: { code: string } };
      if (process.env.MT_DEBUG) console.log(JSON.stringify(body));
      return { status: r.status, body };
    };
    const TEXT = "HTS fighters shelled a Turkish observation post in Idlib, killing 33 soldiers.";

    it("DeepL: sends the documented request with the key header and a glossary synced from the approved terms", async () => {
      configure({ MT_ROUTES: "*=deepl" });
      const { status, body } = await suggest({ sourceLang: "en", targetLang: "tr", text: TEXT });
      expect(status).toBe(200);
      const create = stubs.deepl!.requests.find((r) => r.path === "/v2/glossaries")!;
      expect(create.headers.authorization).toBe("DeepL-Auth-Key deepl-key:fx");
      expect(create.body).toMatchObject({ source_lang: "en", target_lang: "tr", entries_format: "tsv" });
      expect(create.body.entries.split("\n")).toContain("HTS\tHTŞ");
      expect(create.body.entries.split("\n")).toContain("Idlib\tİdlib");
      const translate = stubs.deepl!.requests.find((r) => r.path === "/v2/translate")!;
      expect(translate.body).toMatchObject({ text: [TEXT], source_lang: "EN", target_lang: "TR" });
      expect(translate.body.glossary_id).toMatch(/deepl0glossary$/);
      const s = body.suggestions[0]!;
      expect(s).toMatchObject({ provider: "deepl", cached: false });
      expect(s.text).toContain("HTŞ");
      expect(s.glossary.find((g) => g.conceptId === "hts")).toMatchObject({ expected: "HTŞ", found: true });
    });

    it("answers the same segment from the cache, without a second charge, until the glossary changes", async () => {
      configure({ MT_ROUTES: "*=deepl" });
      const again = await suggest({ sourceLang: "en", targetLang: "tr", text: TEXT });
      expect(again.body.suggestions[0]!.cached).toBe(true);
      expect(stubs.deepl!.requests).toHaveLength(0);
      const usage = await call("GET", "/api/v1/mt/providers", { cookie: admin });
      const deepl = ((await usage.json()) as { providers: { id: string; usage: { lang: string; characters: number; requests: number }[] }[] }).providers.find((p) => p.id === "deepl")!;
      expect(deepl.usage.find((u) => u.lang === "tr")).toMatchObject({ characters: TEXT.length, requests: 1 });

      await bumpGlossaryVersion(t.db);
      const fresh = await suggest({ sourceLang: "en", targetLang: "tr", text: TEXT });
      expect(fresh.body.suggestions[0]!.cached).toBe(false);
      expect(stubs.deepl!.requests.map((r) => `${r.method} ${r.path.replace(/[^/]+$/, (id) => (r.method === "DELETE" ? "{id}" : id))}`)).toEqual(["POST /v2/glossaries", "DELETE /v2/glossaries/{id}", "POST /v2/translate"]);
    });

    it("skips a provider that does not support the language, with the reason", async () => {
      configure({ MT_ROUTES: "ckb=deepl,azure;*=deepl" });
      const { body } = await suggest({ sourceLang: "en", targetLang: "ckb", text: "Idlib is in Syria." });
      expect(body.skipped).toEqual([{ provider: "deepl", label: "DeepL", reason: expect.stringContaining("ckb") }]);
      expect(body.suggestions.map((s) => s.provider)).toEqual(["azure"]);
      // Microsoft's code for Central Kurdish is "ku".
      expect(stubs.azure!.requests[0]!.query.get("to")).toBe("ku");
    });

    it("Google v2: the key in the query, HTML mode with the approved terms protected, the answer back as plain text", async () => {
      configure({ MT_ROUTES: "*=google" });
      const text = "Idlib & HTS";
      const { body } = await suggest({ sourceLang: "en", targetLang: "tr", text });
      const r = stubs.google!.requests[0]!;
      expect(r.path).toBe("/language/translate/v2");
      expect(r.query.get("key")).toBe("google-key");
      expect(r.body).toEqual({ q: ['<span translate="no">İdlib</span> &amp; <span translate="no">HTŞ</span>'], source: "en", target: "tr", format: "html" });
      expect(body.suggestions[0]!.text).toBe("[tr] İdlib & HTŞ");
    });

    it("Google v3: uploads the glossary CSV, creates the glossary (long-running operation) and translates with it", async () => {
      configure({ MT_ROUTES: "*=google", GOOGLE_TRANSLATE_PROJECT: "newsroom", GOOGLE_TRANSLATE_LOCATION: "us-central1", GOOGLE_TRANSLATE_GLOSSARY_BUCKET: "nw-glossaries", GOOGLE_STORAGE_URL: stubs.google!.url });
      const { body } = await suggest({ sourceLang: "en", targetLang: "tr", text: "HTS still holds Idlib." });
      const paths = stubs.google!.requests.map((r) => r.path);
      expect(paths[0]).toBe("/upload/storage/v1/b/nw-glossaries/o");
      expect(paths[1]).toBe("/v3/projects/newsroom/locations/us-central1/glossaries");
      expect(paths.at(-1)).toBe("/v3/projects/newsroom/locations/us-central1:translateText");
      const translate = stubs.google!.requests.at(-1)!;
      expect(translate.headers["x-goog-api-key"]).toBe("google-key");
      expect(translate.body).toMatchObject({ contents: ["HTS still holds Idlib."], sourceLanguageCode: "en", targetLanguageCode: "tr", mimeType: "text/plain", glossaryConfig: { glossary: expect.stringMatching(/^projects\/newsroom\/locations\/us-central1\/glossaries\/newsroom-en-tr-v\d+$/) } });
      expect(body.suggestions[0]!.text).toBe("[tr] HTŞ still holds İdlib.");
    });

    it("Microsoft: key and region headers, api-version 3.0, approved terms as a dynamic dictionary", async () => {
      configure({ MT_ROUTES: "*=azure" });
      const { body } = await suggest({ sourceLang: "en", targetLang: "tr", text: "HTS holds Idlib." });
      const r = stubs.azure!.requests[0]!;
      expect(r.headers["ocp-apim-subscription-key"]).toBe("azure-key");
      expect(r.headers["ocp-apim-subscription-region"]).toBe("westeurope");
      expect(Object.fromEntries(r.query)).toEqual({ "api-version": "3.0", from: "en", to: "tr", textType: "plain" });
      expect(r.body).toEqual([{ Text: '<mstrans:dictionary translation="HTŞ">HTS</mstrans:dictionary> holds <mstrans:dictionary translation="İdlib">Idlib</mstrans:dictionary>.' }]);
      expect(body.suggestions[0]!.text).toBe("[tr] HTŞ holds İdlib.");
    });

    it("LibreTranslate: the API key in the body; a language the server lacks is skipped", async () => {
      configure({ MT_ROUTES: "*=libretranslate" });
      const tr = await suggest({ sourceLang: "en", targetLang: "tr", text: "Idlib" });
      const r = stubs.libre!.requests.find((x) => x.path === "/translate")!;
      expect(r.body).toMatchObject({ api_key: "libre-key", source: "en", target: "tr", format: "html" });
      expect(tr.body.suggestions[0]!.text).toBe("[tr] İdlib");
      const ckb = await suggest({ sourceLang: "en", targetLang: "ckb", text: "Idlib" });
      expect(ckb.body.skipped[0]).toMatchObject({ provider: "libretranslate", reason: expect.stringContaining("ckb") });
    });

    it("an OpenAI-compatible engine gets the segment, its neighbours, the approved terms, memory matches and the style notes", async () => {
      configure({ MT_ROUTES: "*=openai" });
      const segmentId = seedSegmentId(SLUG, "s06");
      const { body } = await suggest({ sourceLang: "en", targetLang: "tr", text: source("s06"), segmentId });
      const r = stubs.openai!.requests[0]!;
      expect(r.headers.authorization).toBe("Bearer openai-key");
      expect(r.body.model).toBe("newsroom-model");
      const [system, user] = r.body.messages as { role: string; content: string }[];
      expect(system!.content).toContain("Turkish");
      expect(system!.content).toContain("translation only");
      expect(system!.content).toContain("House style");
      expect(user!.content).toContain(`Paragraph to translate:\n${source("s06")}`);
      expect(user!.content).toContain(source("s05"));
      expect(user!.content).toContain(source("s07"));
      expect(user!.content).toMatch(/Earlier approved translations[\s\S]*\[100\]/);
      expect(body.suggestions[0]!.provider).toBe("openai");
    });

    it("reports each provider's failure beside the others' suggestions: bad key, quota, 5xx, timeout", async () => {
      configure({ MT_ROUTES: "*=deepl,azure" });
      const cases: [Parameters<Stub["failNext"]>[0], string][] = [
        [{ status: 403, body: { message: "Authorization failure, check auth_key" } }, "mt_auth"],
        [{ status: 456, body: { message: "Quota Exceeded" } }, "mt_quota"],
        [{ status: 503, body: { message: "Service unavailable" } }, "mt_unavailable"],
        [{ status: 200, body: { translations: [] }, delayMs: 4000 }, "mt_timeout"],
      ];
      for (const [answer, code] of cases) {
        stubs.deepl!.failNext(answer);
        const { status, body } = await suggest({ sourceLang: "en", targetLang: "tr", text: `Failure case ${code}.` });
        expect(status).toBe(200);
        expect(body.failures).toEqual([{ provider: "deepl", label: "DeepL", code, message: expect.stringContaining("DeepL") }]);
        expect(body.suggestions.map((s) => s.provider)).toEqual(["azure"]);
      }
    });

    it("waits out a short Retry-After on 429 and retries; a long one fails at once with the wait in the message", async () => {
      configure({ MT_ROUTES: "*=azure" });
      stubs.azure!.failNext({ status: 429, headers: { "retry-after": "0" }, body: { error: { code: 429001, message: "The server rejected the request because the client has exceeded request limits." } } });
      const ok = await suggest({ sourceLang: "en", targetLang: "tr", text: "Retry case one." });
      expect(ok.body.suggestions).toHaveLength(1);
      expect(stubs.azure!.requests).toHaveLength(2);
      stubs.azure!.failNext({ status: 429, headers: { "retry-after": "120" }, body: { error: { code: 429001, message: "Too many requests." } } });
      const limited = await suggest({ sourceLang: "en", targetLang: "tr", text: "Retry case two." });
      expect(limited.body.failures[0]).toMatchObject({ code: "mt_rate_limited", message: expect.stringContaining("120 s") });
    });

    it("stops calling a provider at its monthly character cap, with a clear message", async () => {
      configure({ MT_ROUTES: "*=libretranslate", MT_MONTHLY_CHAR_CAP: "libretranslate=40" });
      const text = "A sentence of forty characters or more, surely.";
      const { body } = await suggest({ sourceLang: "en", targetLang: "tr", text });
      expect(body.failures[0]).toMatchObject({ provider: "libretranslate", code: "mt_cap_reached", message: expect.stringContaining("monthly cap of 40") });
      expect(stubs.libre!.requests.filter((r) => r.path === "/translate")).toHaveLength(0);
    });

    it("marks what an engine got wrong: a missing approved term", async () => {
      configure({ MT_ROUTES: "*=libretranslate" });
      await suggest({ sourceLang: "en", targetLang: "tr", text: "Warm-up: the server's languages are loaded." });
      // An engine that ignores the protected term and keeps the English abbreviation:
      stubs.libre!.failNext({ status: 200, body: { translatedText: ["[tr] HTS savaşçıları İdlib'de."] } });
      const { body } = await suggest({ sourceLang: "en", targetLang: "tr", text: "HTS fighters in Idlib." });
      const s = body.suggestions[0]!;
      expect(s.glossary.find((g) => g.conceptId === "hts")).toMatchObject({ expected: "HTŞ", found: false });
      expect(s.issues.map((i) => i.check)).toContain("glossary_forbidden");
    });

    it("is for translators of the target language only; bad input is a 400 naming the field", async () => {
      configure({ MT_ROUTES: "*=azure" });
      expect((await suggest({ sourceLang: "en", targetLang: "tr", text: "Idlib" }, arTranslator)).status).toBe(403);
      expect((await call("POST", "/api/v1/mt/suggest", { json: { targetLang: "tr", text: "Idlib" } })).status).toBe(401);
      const empty = await suggest({ sourceLang: "en", targetLang: "tr", text: "   " });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(empty.body)).toContain("text");
      expect((await suggest({ sourceLang: "en", targetLang: "xx", text: "Idlib" })).status).toBe(400);
    });

    it("GET /api/v1/mt/providers: admins see enabled providers, their languages and why one is skipped", async () => {
      configure({ MT_ROUTES: "*=deepl,google" });
      expect((await call("GET", "/api/v1/mt/providers", { cookie: translator })).status).toBe(403);
      const r = await call("GET", "/api/v1/mt/providers", { cookie: admin });
      const body = (await r.json()) as { providers: { id: string; languages: { lang: string; routed: boolean; unsupported: string | null }[] }[]; problems: string[] };
      const deepl = body.providers.find((p) => p.id === "deepl")!;
      expect(deepl.languages.find((l) => l.lang === "ckb")).toMatchObject({ routed: true, unsupported: expect.stringContaining("ckb") });
      expect(deepl.languages.find((l) => l.lang === "tr")).toMatchObject({ routed: true, unsupported: null });
      expect(body.providers.find((p) => p.id === "azure")!.languages.every((l) => !l.routed)).toBe(true);
    });
    describe("where a text came from, and the post-editing effort", () => {
      const save = async (segmentKey: string, body: Record<string, unknown>) => {
        const segmentId = seedSegmentId(SLUG, segmentKey);
        const current = await findTranslation(t.db, segmentId, "tr");
        const r = await call("PUT", `/api/v1/translations/${segmentId}/tr`, { cookie: translator, json: { baseVersion: current?.version ?? 0, ...body } });
        expect(r.status, await r.clone().text()).toBe(200);
        const revisions = await call("GET", `/api/v1/translations/${segmentId}/tr/revisions`, { cookie: translator });
        return ((await revisions.json()) as { revisions: { textOrigin: { kind: string; detail: string | null } | null }[] }).revisions.at(-1)!.textOrigin;
      };

      it("records an MT suggestion as the origin of its post-edits, and the effort when it is confirmed", async () => {
        const suggestion = "Suriye rejim güçleri İdlib'e saldırdı.";
        const edited = "Suriye rejimi güçleri İdlib'e saldırı düzenledi.";
        expect(await save("s10", { text: suggestion, status: "draft", origin: { kind: "mt", provider: "deepl", suggestion } })).toEqual({ kind: "mt", detail: "deepl" });
        expect(await save("s10", { text: edited, status: "draft" })).toEqual({ kind: "mt", detail: "deepl" });
        expect(await save("s10", { text: edited, status: "translated", qaOverride: undefined })).toEqual({ kind: "mt", detail: "deepl" });
        // Confirmed: the suggestion is forgotten, a later edit is typed.
        expect(await save("s10", { text: `${edited} `.trim() + " Ek.", status: "draft" })).toEqual({ kind: "typed", detail: null });
        const report = await call("GET", "/api/v1/mt/effort", { cookie: admin });
        expect(report.status).toBe(200);
        const row = ((await report.json()) as { rows: { provider: string; lang: string; inserted: number; confirmed: number; medianEffort: number }[] }).rows.find((r) => r.provider === "deepl" && r.lang === "tr")!;
        expect(row).toMatchObject({ inserted: 1, confirmed: 1, medianEffort: effortPermille(suggestion, edited) });
        expect(row.medianEffort).toBeGreaterThan(0);
        expect((await call("GET", "/api/v1/mt/effort", { cookie: translator })).status).toBe(403);
        expect((await call("GET", "/api/v1/mt/effort?month=2026-13", { cookie: admin })).status).toBe(400);
      });

      it("records a memory match with its score, and typing over it as typed", async () => {
        const match = "Eski bir çeviri.";
        expect(await save("s11", { text: match, status: "draft", origin: { kind: "memory", score: 87, suggestion: match } })).toEqual({ kind: "memory", detail: "87" });
        expect(await save("s11", { text: "Tamamen yeni bir metin.", status: "draft", origin: { kind: "typed" } })).toEqual({ kind: "typed", detail: null });
      });
    });
    describe("pre-translation of a document", () => {
      const SLUG2 = "follow-up-story";
      beforeAll(async () => {
        // Two paragraphs the memory knows (approved Idlib paragraphs), three new ones.
        await createDocument(t.db, { slug: SLUG2, title: "Follow-up", status: "published", segments: [
          { kind: "paragraph", text: source("s05") },
          { kind: "paragraph", text: "A new paragraph about the talks in Moscow." },
          { kind: "paragraph", text: source("s08") },
          { kind: "paragraph", text: "Another new paragraph, with HTS in it." },
        ] }, ANONYMOUS);
      });

      it("fills empty segments as drafts: memory matches at the threshold first, then MT in batches, with a report of what came from where", async () => {
        configure({ MT_ROUTES: "*=deepl" });
        const start = await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: translator, json: { lang: "tr", threshold: 100 } });
        expect(start.status).toBe(202);
        const job = (await pretranslationFinished(t.db, SLUG2, "tr"))!;
        expect(job).toMatchObject({ state: "done", total: 5, done: 5, counts: { memory: 2, mt: 3, none: 0 } });
        expect(job.report.filter((r) => r.from === "memory").every((r) => r.detail === "100")).toBe(true);
        // One request for the three new segments (the title among them): batching.
        expect(stubs.deepl!.requests.filter((r) => r.path === "/v2/translate")).toHaveLength(1);
        const progress = await call("GET", `/api/v1/documents/${SLUG2}/pretranslate?lang=tr`, { cookie: translator });
        expect(((await progress.json()) as { job: { state: string } }).job.state).toBe("done");
        // Drafts only, with their origin.
        const rows = await t.db.selectFrom("translations").innerJoin("segments", "segments.id", "translations.segment_id").innerJoin("documents", "documents.id", "segments.document_id").select(["translations.status", "translations.text"]).where("documents.slug", "=", SLUG2).where("translations.lang", "=", "tr").execute();
        expect(rows).toHaveLength(5);
        expect(rows.every((r) => r.status === "draft")).toBe(true);
        const origins = await t.db.selectFrom("translation_revisions").innerJoin("segments", "segments.id", "translation_revisions.segment_id").innerJoin("documents", "documents.id", "segments.document_id").select(["translation_revisions.text_origin", "translation_revisions.origin"]).where("documents.slug", "=", SLUG2).execute();
        expect(origins.map((o) => o.text_origin).sort()).toEqual(["memory", "memory", "mt", "mt", "mt"]);
        // Running it again finds nothing empty.
        await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: translator, json: { lang: "tr" } });
        expect((await pretranslationFinished(t.db, SLUG2, "tr"))!.total).toBe(0);
      });

      it("uses only the providers asked for, and refuses one the language does not route to", async () => {
        configure({ MT_ROUTES: "*=deepl,openai" });
        const deeplCalls = stubs.deepl!.requests.filter((r) => r.path === "/v2/translate").length;
        const refused = await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: translator, json: { lang: "tr", providers: ["openai", "babelfish"] } });
        expect(refused.status).toBe(400);
        expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "validation_failed", message: expect.stringContaining("babelfish") });
        const start = await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: translator, json: { lang: "ckb", threshold: 101, providers: ["openai"] } });
        expect(start.status).toBe(202);
        const job = (await pretranslationFinished(t.db, SLUG2, "ckb"))!;
        expect(job).toMatchObject({ state: "done", total: 5, counts: { memory: 0, mt: 5, none: 0 } });
        expect(job.report.every((r) => r.from === "mt" && r.detail === "openai")).toBe(true);
        expect(stubs.deepl!.requests.filter((r) => r.path === "/v2/translate")).toHaveLength(deeplCalls);
      });

      it("can be cancelled; what was written stays a draft; only translators of the language may start or cancel it", async () => {
        configure({ MT_ROUTES: "*=deepl" });
        stubs.deepl!.failNext({ status: 200, body: { translations: [] }, delayMs: 1200 });
        const start = await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: arTranslator, json: { lang: "ar", threshold: 100 } });
        expect(start.status).toBe(202);
        expect((await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: arTranslator, json: { lang: "ar" } })).status).toBe(409);
        expect((await call("DELETE", `/api/v1/documents/${SLUG2}/pretranslate?lang=ar`, { cookie: translator })).status).toBe(403);
        const cancelled = await call("DELETE", `/api/v1/documents/${SLUG2}/pretranslate?lang=ar`, { cookie: arTranslator });
        expect(cancelled.status).toBe(200);
        const job = ((await cancelled.json()) as { job: { state: string; counts: { mt: number } } }).job;
        expect(job.state).toBe("cancelled");
        expect(job.counts.mt).toBe(0);
        expect((await call("POST", `/api/v1/documents/${SLUG2}/pretranslate`, { cookie: translator, json: { lang: "ar" } })).status).toBe(403);
      });
    });
  });
}
