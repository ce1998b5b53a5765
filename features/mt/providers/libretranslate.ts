/**
 * LibreTranslate (self-hostable): GET /languages once, POST /translate with
 * `q` as a list and `api_key` in the body; approved terms protected as
 * `<span translate="no">` in HTML mode.
 */
import { callJson, expectString } from "../http";
import { protectTermsHtml, unprotectHtml } from "../markup";
import type { MtProvider } from "../types";
import { MtError } from "../types";

export interface LibreTranslateConfig {
  readonly url: string;
  readonly key?: string;
  readonly timeoutMs: number;
}

export function libreTranslateProvider(config: LibreTranslateConfig): MtProvider {
  const base = config.url.replace(/\/+$/, "");
  let languages: Promise<Map<string, Set<string>>> | null = null;
  const loadLanguages = () =>
    (languages ??= callJson<{ code?: string; targets?: string[] }[]>("LibreTranslate", `${base}/languages`, {}, { timeoutMs: config.timeoutMs })
      .then((list) => {
        if (!Array.isArray(list)) throw new MtError("mt_bad_response", "LibreTranslate answered /languages without a list");
        return new Map(list.filter((l) => typeof l.code === "string").map((l) => [l.code!, new Set(Array.isArray(l.targets) ? l.targets : [])]));
      })
      .catch((error) => {
        languages = null;
        throw error;
      }));
  return {
    id: "libretranslate",
    label: "LibreTranslate",
    maxBatch: 25,
    concurrency: 2,
    async unsupported(sourceLang, targetLang) {
      const known = await loadLanguages();
      const targets = known.get(sourceLang);
      if (!targets) return `This LibreTranslate server does not translate from ${sourceLang}.`;
      if (targets.size > 0 && !targets.has(targetLang)) return `This LibreTranslate server does not translate into ${targetLang}.`;
      if (!known.has(targetLang) && targets.size === 0) return `This LibreTranslate server does not translate into ${targetLang}.`;
      return null;
    },
    async translate(job) {
      const answer = await callJson<{ translatedText?: unknown }>(
        "LibreTranslate",
        `${base}/translate`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ q: job.texts.map((t) => protectTermsHtml(t, job.terms)), source: job.sourceLang, target: job.targetLang, format: "html", ...(config.key ? { api_key: config.key } : {}) }),
        },
        { timeoutMs: config.timeoutMs, signal: job.signal },
      );
      const list = answer.translatedText;
      if (!Array.isArray(list) || list.length !== job.texts.length) throw new MtError("mt_bad_response", "LibreTranslate answered with a different number of translations");
      return list.map((t) => unprotectHtml(expectString("LibreTranslate", t, "translatedText")));
    },
  };
}
