/**
 * Google Cloud Translation stand-in, from cloud.google.com/translate/docs:
 * v2 POST /language/translate/v2?key=… {q[], source, target, format} →
 * {data:{translations:[{translatedText}]}}, HTML spans with translate="no"
 * kept as they are; v3 POST /v3/projects/{p}/locations/{l}:translateText
 * (x-goog-api-key) {contents[], sourceLanguageCode, targetLanguageCode,
 * mimeType, glossaryConfig?} → {translations, glossaryTranslations?}; glossary
 * creation from a gs:// CSV as a long-running operation; Cloud Storage media
 * upload. Errors {error:{code, message, status}}.
 */
import { fakeTranslate, startStub, type Stub } from "./server";

const googleError = (code: number, message: string, status: string) => ({ status: code, body: { error: { code, message, status } } });

export async function startGoogle(key: string): Promise<Stub> {
  return startStub((req, stub) => {
    const objects = (stub.state.get("objects") as Map<string, string> | undefined) ?? new Map<string, string>();
    const glossaries = (stub.state.get("glossaries") as Map<string, [string, string][]> | undefined) ?? new Map();
    stub.state.set("objects", objects);
    stub.state.set("glossaries", glossaries);
    const keyOk = req.query.get("key") === key || req.headers["x-goog-api-key"] === key;
    if (!keyOk) return googleError(400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT");
    if (req.method === "POST" && req.path === "/language/translate/v2") {
      const b = req.body ?? {};
      const q: string[] = Array.isArray(b.q) ? b.q : [b.q];
      if (!b.target || q.some((t) => typeof t !== "string")) return googleError(400, "Required Text", "INVALID_ARGUMENT");
      // Protected spans stay as they are; the rest is "translated".
      return {
        status: 200,
        body: { data: { translations: q.map((t) => ({ translatedText: `[${b.target}] ${t}` })) } },
      };
    }
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(req.path);
    if (req.method === "POST" && upload) {
      objects.set(`gs://${decodeURIComponent(upload[1]!)}/${req.query.get("name")}`, req.raw);
      return { status: 200, body: { kind: "storage#object", name: req.query.get("name"), bucket: decodeURIComponent(upload[1]!) } };
    }
    const createGlossary = /^\/v3\/(projects\/[^/]+\/locations\/[^/]+)\/glossaries$/.exec(req.path);
    if (req.method === "POST" && createGlossary) {
      const uri = req.body?.inputConfig?.gcsSource?.inputUri as string | undefined;
      const csv = uri ? objects.get(uri) : undefined;
      if (!req.body?.name || !req.body?.languagePair || csv === undefined) return googleError(400, "Invalid glossary input", "INVALID_ARGUMENT");
      const pairs = csv.split("\n").filter(Boolean).map((l) => l.split(",").map((s) => s.replace(/^"|"$/g, "").replace(/""/g, '"')) as [string, string]);
      glossaries.set(req.body.name, pairs);
      const op = `${createGlossary[1]}/operations/op-${glossaries.size}`;
      stub.state.set(op, false);
      return { status: 200, body: { name: op, metadata: { "@type": "type.googleapis.com/google.cloud.translation.v3.CreateGlossaryMetadata", state: "RUNNING" } } };
    }
    if (req.method === "GET" && /^\/v3\/projects\/[^/]+\/locations\/[^/]+\/operations\//.test(req.path)) {
      return { status: 200, body: { name: req.path.slice(4), done: true, response: { "@type": "type.googleapis.com/google.cloud.translation.v3.Glossary" } } };
    }
    const translate = /^\/v3\/projects\/[^/]+\/locations\/[^/]+:translateText$/.exec(req.path);
    if (req.method === "POST" && translate) {
      const b = req.body ?? {};
      if (!Array.isArray(b.contents) || !b.targetLanguageCode) return googleError(400, "Target language code is required", "INVALID_ARGUMENT");
      const plain = (b.contents as string[]).map((t) => ({ translatedText: fakeTranslate(t, b.targetLanguageCode) }));
      const name = b.glossaryConfig?.glossary as string | undefined;
      if (name && !glossaries.has(name)) return googleError(404, `Glossary not found: ${name}`, "NOT_FOUND");
      const body: Record<string, unknown> = { translations: plain };
      if (name) body.glossaryTranslations = (b.contents as string[]).map((t) => ({ translatedText: fakeTranslate(t, b.targetLanguageCode, glossaries.get(name)), glossaryConfig: b.glossaryConfig }));
      return { status: 200, body };
    }
    return googleError(404, "Not found", "NOT_FOUND");
  });
}
