/**
 * DeepL API v2 stand-in, from developers.deepl.com: `Authorization:
 * DeepL-Auth-Key <key>`; POST /v2/translate {text[], source_lang, target_lang,
 * glossary_id?, formality?} → {translations:[{detected_source_language, text}]};
 * POST /v2/glossaries {name, source_lang, target_lang, entries, entries_format}
 * → 201 {glossary_id, ready, entry_count, …}; DELETE /v2/glossaries/{id} → 204;
 * errors {message}: 403 bad key, 456 quota exceeded, 429 too many requests.
 */
import { fakeTranslate, startStub, type Stub, type StubOptions } from "./server";

export async function startDeepl(key: string, options: StubOptions = {}): Promise<Stub> {
  return startStub((req, stub) => {
    if (req.headers.authorization !== `DeepL-Auth-Key ${key}`) return { status: 403, body: { message: "Authorization failure, check auth_key" } };
    const glossaries = (stub.state.get("glossaries") as Map<string, [string, string][]> | undefined) ?? new Map();
    stub.state.set("glossaries", glossaries);
    if (req.method === "POST" && req.path === "/v2/glossaries") {
      const b = req.body ?? {};
      if (!b.name || !b.source_lang || !b.target_lang || typeof b.entries !== "string" || b.entries_format !== "tsv") return { status: 400, body: { message: "Bad request", detail: "Missing or invalid glossary parameters" } };
      const entries = (b.entries as string).split("\n").map((l) => l.split("\t") as [string, string]);
      if (entries.some((e) => e.length !== 2 || !e[0] || !e[1])) return { status: 400, body: { message: "Invalid glossary entries provided" } };
      const id = `def3a26b-${glossaries.size.toString(16).padStart(4, "0")}-4a1b-9c2d-deepl0glossary`;
      glossaries.set(id, entries);
      return { status: 201, body: { glossary_id: id, name: b.name, ready: true, source_lang: b.source_lang, target_lang: b.target_lang, creation_time: new Date().toISOString(), entry_count: entries.length } };
    }
    if (req.method === "DELETE" && req.path.startsWith("/v2/glossaries/")) {
      glossaries.delete(decodeURIComponent(req.path.slice("/v2/glossaries/".length)));
      return { status: 204 };
    }
    if (req.method === "POST" && req.path === "/v2/translate") {
      const b = req.body ?? {};
      if (!Array.isArray(b.text) || b.text.length === 0 || !b.target_lang) return { status: 400, body: { message: "Value for 'text' not supported." } };
      if (b.text.length > 50) return { status: 413, body: { message: "Request Entity Too Large" } };
      if (!["TR", "RU", "AR", "EN-GB", "EN-US"].includes(b.target_lang)) return { status: 400, body: { message: `Value for 'target_lang' not supported.` } };
      const pairs = b.glossary_id ? glossaries.get(b.glossary_id) : [];
      if (b.glossary_id && !pairs) return { status: 404, body: { message: "Glossary not found" } };
      return { status: 200, body: { translations: (b.text as string[]).map((t) => ({ detected_source_language: "EN", text: fakeTranslate(t, b.target_lang.toLowerCase(), pairs) })) } };
    }
    return { status: 404, body: { message: "Not found" } };
  }, options);
}
