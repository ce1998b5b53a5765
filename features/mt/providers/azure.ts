/**
 * Microsoft Translator v3: POST /translate?api-version=3.0&from=…&to=… with
 * `Ocp-Apim-Subscription-Key` (and `-Region`); approved terms through its
 * dynamic dictionary markup.
 */
import { callJson, expectString } from "../http";
import { dynamicDictionary } from "../markup";
import type { MtProvider } from "../types";
import { MtError } from "../types";

export interface AzureConfig {
  readonly key: string;
  readonly region?: string;
  readonly url?: string;
  readonly timeoutMs: number;
}

/** Microsoft's codes: "ku" is Central Kurdish (Sorani), "kmr" Northern Kurdish (Kurmanji). */
const CODES: Record<string, string> = { en: "en", tr: "tr", ru: "ru", ar: "ar", ckb: "ku", kmr: "kmr" };

export function azureProvider(config: AzureConfig): MtProvider {
  const base = (config.url ?? "https://api.cognitive.microsofttranslator.com").replace(/\/+$/, "");
  return {
    id: "azure",
    label: "Microsoft Translator",
    maxBatch: 100,
    concurrency: 4,
    async unsupported(sourceLang, targetLang) {
      if (!CODES[sourceLang] || !CODES[targetLang]) return `Microsoft Translator has no code for ${CODES[sourceLang] ? targetLang : sourceLang}.`;
      return null;
    },
    async translate(job) {
      const query = new URLSearchParams({ "api-version": "3.0", from: CODES[job.sourceLang]!, to: CODES[job.targetLang]!, textType: "plain" });
      const headers: Record<string, string> = { "Ocp-Apim-Subscription-Key": config.key, "content-type": "application/json" };
      if (config.region) headers["Ocp-Apim-Subscription-Region"] = config.region;
      const answer = await callJson<{ translations?: { text?: unknown }[] }[]>(
        "Microsoft Translator",
        `${base}/translate?${query}`,
        { method: "POST", headers, body: JSON.stringify(job.texts.map((t) => ({ Text: dynamicDictionary(t, job.terms) }))) },
        { timeoutMs: config.timeoutMs, signal: job.signal },
      );
      if (!Array.isArray(answer) || answer.length !== job.texts.length) throw new MtError("mt_bad_response", "Microsoft Translator answered with a different number of translations");
      return answer.map((a) => expectString("Microsoft Translator", a.translations?.[0]?.text, "the translated text"));
    },
  };
}
