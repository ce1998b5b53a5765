/**
 * LibreTranslate stand-in, from its API docs (libretranslate.com/docs):
 * GET /languages → [{code, name, targets[]}]; POST /translate {q (string or
 * list), source, target, format, api_key} → {translatedText}; errors {error}:
 * 400, 403 invalid key, 429 slowdown, 500.
 */
import { startStub, type Stub } from "./server";

export async function startLibreTranslate(key: string, codes: readonly string[] = ["en", "tr", "ru", "ar"]): Promise<Stub> {
  return startStub((req) => {
    if (req.method === "GET" && req.path === "/languages") return { status: 200, body: codes.map((code) => ({ code, name: code, targets: codes.filter((c) => c !== code) })) };
    if (req.method !== "POST" || req.path !== "/translate") return { status: 404, body: { error: "Not Found" } };
    const b = req.body ?? {};
    if (b.api_key !== key) return { status: 403, body: { error: "Invalid API key" } };
    if (!codes.includes(b.target)) return { status: 400, body: { error: `${b.target} is not supported` } };
    const q: string[] = Array.isArray(b.q) ? b.q : [b.q];
    const translated = q.map((t) => `[${b.target}] ${t}`);
    return { status: 200, body: { translatedText: Array.isArray(b.q) ? translated : translated[0] } };
  });
}
