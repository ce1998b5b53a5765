/**
 * Google Cloud Translation. Basic (v2): POST /language/translate/v2?key=…,
 * approved terms protected as `<span translate="no">` in HTML mode. Advanced
 * (v3, when a project is set): POST /v3/projects/{p}/locations/{l}:translateText
 * with a provider glossary, created from a CSV uploaded to Cloud Storage
 * (glossaries are created from gs:// files only) and replaced on each glossary version.
 */
import { callJson, expectString } from "../http";
import { protectTermsHtml, unprotectHtml } from "../markup";
import type { GlossaryStore, MtJob, MtProvider } from "../types";
import { MtError } from "../types";

export interface GoogleConfig {
  readonly key: string;
  readonly url?: string;
  /** Set for v3 (Advanced). */
  readonly project?: string;
  readonly location?: string;
  /** Cloud Storage bucket the v3 glossary CSVs are uploaded to. */
  readonly glossaryBucket?: string;
  readonly storageUrl?: string;
  readonly timeoutMs: number;
}

/** Google's codes for our languages: Kurmanji is "ku", Sorani "ckb". */
const CODES: Record<string, string> = { en: "en", tr: "tr", ru: "ru", ar: "ar", ckb: "ckb", kmr: "ku" };

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function googleProvider(config: GoogleConfig): MtProvider {
  const base = (config.url ?? "https://translation.googleapis.com").replace(/\/+$/, "");
  const storage = (config.storageUrl ?? "https://storage.googleapis.com").replace(/\/+$/, "");
  const location = config.location ?? "us-central1";
  const parent = config.project ? `projects/${config.project}/locations/${location}` : null;
  const keyHeaders = { "x-goog-api-key": config.key, "content-type": "application/json" };
  const options = (signal?: AbortSignal) => ({ timeoutMs: config.timeoutMs, signal });

  async function v3Glossary(job: MtJob, store: GlossaryStore): Promise<string | undefined> {
    if (!parent || !config.glossaryBucket) return undefined;
    const known = await store.get("google", job.sourceLang, job.targetLang);
    if (known && known.version === job.glossary.version) return known.remoteId;
    const pairs = await job.glossary.pairs();
    if (pairs.length === 0) return undefined;
    const id = `newsroom-${job.sourceLang}-${job.targetLang}-v${job.glossary.version}`;
    const object = `${id}.csv`;
    const csv = pairs.map((p) => `${csvField(p.source)},${csvField(p.target)}`).join("\n");
    await callJson(
      "Google Cloud Storage",
      `${storage}/upload/storage/v1/b/${encodeURIComponent(config.glossaryBucket)}/o?uploadType=media&name=${encodeURIComponent(object)}`,
      { method: "POST", headers: { ...keyHeaders, "content-type": "text/csv" }, body: csv },
      options(job.signal),
    );
    const name = `${parent}/glossaries/${id}`;
    let operation = await callJson<{ name?: string; done?: boolean; error?: { message?: string } }>(
      "Google",
      `${base}/v3/${parent}/glossaries`,
      {
        method: "POST",
        headers: keyHeaders,
        body: JSON.stringify({
          name,
          languagePair: { sourceLanguageCode: CODES[job.sourceLang], targetLanguageCode: CODES[job.targetLang] },
          inputConfig: { gcsSource: { inputUri: `gs://${config.glossaryBucket}/${object}` } },
        }),
      },
      options(job.signal),
    );
    // A long-running operation: polled a bounded number of times.
    for (let i = 0; !operation.done && operation.name && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250));
      operation = await callJson("Google", `${base}/v3/${operation.name}`, { headers: keyHeaders }, options(job.signal));
    }
    if (!operation.done) throw new MtError("mt_unavailable", "Google did not finish creating the glossary in time");
    if (operation.error) throw new MtError("mt_bad_response", `Google could not create the glossary: ${operation.error.message ?? "unknown error"}`);
    await store.set("google", job.sourceLang, job.targetLang, { version: job.glossary.version, remoteId: name });
    return name;
  }

  return {
    id: "google",
    label: parent ? "Google Translate (Advanced)" : "Google Translate",
    maxBatch: parent ? 100 : 128,
    concurrency: 4,
    async unsupported(sourceLang, targetLang) {
      if (!CODES[sourceLang] || !CODES[targetLang]) return `Google Translate has no code for ${CODES[sourceLang] ? targetLang : sourceLang}.`;
      return null;
    },
    async translate(job, store) {
      if (parent) {
        const glossary = await v3Glossary(job, store);
        const answer = await callJson<{ translations?: { translatedText?: unknown }[]; glossaryTranslations?: { translatedText?: unknown }[] }>(
          "Google",
          `${base}/v3/${parent}:translateText`,
          {
            method: "POST",
            headers: keyHeaders,
            body: JSON.stringify({
              contents: job.texts,
              sourceLanguageCode: CODES[job.sourceLang],
              targetLanguageCode: CODES[job.targetLang],
              mimeType: "text/plain",
              ...(glossary ? { glossaryConfig: { glossary } } : {}),
            }),
          },
          options(job.signal),
        );
        const list = glossary && answer.glossaryTranslations ? answer.glossaryTranslations : answer.translations;
        if (!Array.isArray(list) || list.length !== job.texts.length) throw new MtError("mt_bad_response", "Google answered with a different number of translations");
        return list.map((t) => expectString("Google", t.translatedText, "translatedText"));
      }
      const answer = await callJson<{ data?: { translations?: { translatedText?: unknown }[] } }>(
        "Google",
        `${base}/language/translate/v2?key=${encodeURIComponent(config.key)}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ q: job.texts.map((t) => protectTermsHtml(t, job.terms)), source: CODES[job.sourceLang], target: CODES[job.targetLang], format: "html" }),
        },
        options(job.signal),
      );
      const list = answer.data?.translations;
      if (!Array.isArray(list) || list.length !== job.texts.length) throw new MtError("mt_bad_response", "Google answered with a different number of translations");
      return list.map((t) => unprotectHtml(expectString("Google", t.translatedText, "translatedText")));
    },
  };
}
