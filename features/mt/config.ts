/**
 * Which engines are enabled (each by its environment variables; none by
 * default), which serve which target language (MT_ROUTES), and the monthly
 * character caps. Reads an env object so tests can pass their own.
 */
import { azureProvider } from "./providers/azure";
import { deeplProvider } from "./providers/deepl";
import { googleProvider } from "./providers/google";
import { libreTranslateProvider } from "./providers/libretranslate";
import { openAiProvider } from "./providers/openai";
import { PROVIDER_IDS, type MtProvider, type ProviderId } from "./types";

export type Env = Readonly<Record<string, string | undefined>>;

export interface MtConfig {
  readonly providers: ReadonlyMap<ProviderId, MtProvider>;
  /** Providers per target language, in order; "*" is the default route. */
  readonly routes: ReadonlyMap<string, readonly ProviderId[]>;
  /** Characters per provider and calendar month (UTC); absent = no cap. */
  readonly caps: ReadonlyMap<ProviderId, number>;
  /** Problems in the configuration, shown to admins. */
  readonly problems: readonly string[];
}

const isProvider = (s: string): s is ProviderId => (PROVIDER_IDS as readonly string[]).includes(s);

/** `ckb=google,openai;*=deepl` → ckb: [google, openai], *: [deepl]. */
export function parseRoutes(value: string | undefined, problems: string[]): Map<string, ProviderId[]> {
  const routes = new Map<string, ProviderId[]>();
  for (const part of (value ?? "").split(";").map((p) => p.trim()).filter(Boolean)) {
    const [lang, list] = part.split("=", 2).map((s) => s?.trim() ?? "");
    if (!lang || !list) {
      problems.push(`MT_ROUTES: "${part}" is not of the form lang=provider,provider.`);
      continue;
    }
    const ids = list.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !isProvider(id));
    if (unknown.length) problems.push(`MT_ROUTES: unknown provider ${unknown.join(", ")} (known: ${PROVIDER_IDS.join(", ")}).`);
    routes.set(lang, ids.filter(isProvider));
  }
  return routes;
}

/** `deepl=500000,google=2000000` → caps per provider. */
function parseCaps(value: string | undefined, problems: string[]): Map<ProviderId, number> {
  const caps = new Map<ProviderId, number>();
  for (const part of (value ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const [id, n] = part.split("=", 2).map((s) => s?.trim() ?? "");
    const cap = Number(n);
    if (!id || !isProvider(id) || !Number.isInteger(cap) || cap < 0) problems.push(`MT_MONTHLY_CHAR_CAP: "${part}" is not provider=characters.`);
    else caps.set(id, cap);
  }
  return caps;
}

export function readMtConfig(env: Env = process.env): MtConfig {
  const problems: string[] = [];
  const timeoutMs = Number(env.MT_TIMEOUT_MS) > 0 ? Number(env.MT_TIMEOUT_MS) : 5_000;
  const providers = new Map<ProviderId, MtProvider>();
  if (env.DEEPL_API_KEY) providers.set("deepl", deeplProvider({ key: env.DEEPL_API_KEY, url: env.DEEPL_API_URL, formality: env.DEEPL_FORMALITY, timeoutMs }));
  if (env.GOOGLE_TRANSLATE_API_KEY)
    providers.set(
      "google",
      googleProvider({
        key: env.GOOGLE_TRANSLATE_API_KEY,
        url: env.GOOGLE_TRANSLATE_URL,
        project: env.GOOGLE_TRANSLATE_PROJECT,
        location: env.GOOGLE_TRANSLATE_LOCATION,
        glossaryBucket: env.GOOGLE_TRANSLATE_GLOSSARY_BUCKET,
        storageUrl: env.GOOGLE_STORAGE_URL,
        timeoutMs,
      }),
    );
  if (env.AZURE_TRANSLATOR_KEY) providers.set("azure", azureProvider({ key: env.AZURE_TRANSLATOR_KEY, region: env.AZURE_TRANSLATOR_REGION, url: env.AZURE_TRANSLATOR_URL, timeoutMs }));
  if (env.LIBRETRANSLATE_URL) providers.set("libretranslate", libreTranslateProvider({ url: env.LIBRETRANSLATE_URL, key: env.LIBRETRANSLATE_API_KEY, timeoutMs }));
  if (env.OPENAI_BASE_URL || env.OPENAI_API_KEY) {
    if (!env.OPENAI_MODEL) problems.push("OPENAI_MODEL is not set: the LLM provider is off.");
    else providers.set("openai", openAiProvider({ baseUrl: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1", key: env.OPENAI_API_KEY, model: env.OPENAI_MODEL, timeoutMs }));
  }
  const routes = parseRoutes(env.MT_ROUTES, problems);
  for (const [lang, ids] of routes) {
    const off = ids.filter((id) => !providers.has(id));
    if (off.length) problems.push(`MT_ROUTES: ${off.join(", ")} for ${lang} ${off.length > 1 ? "are" : "is"} not enabled (no key set).`);
  }
  return { providers, routes, caps: parseCaps(env.MT_MONTHLY_CHAR_CAP, problems), problems };
}

/** The enabled providers for a target language: its route, else the "*" route, else every enabled provider. */
export function providersFor(config: MtConfig, targetLang: string): MtProvider[] {
  const ids = config.routes.get(targetLang) ?? config.routes.get("*") ?? [...config.providers.keys()];
  return ids.map((id) => config.providers.get(id)).filter((p): p is MtProvider => p !== undefined);
}
