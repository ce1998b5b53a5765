/**
 * DeepL API v2: POST /v2/translate with `Authorization: DeepL-Auth-Key …`;
 * approved terms go in a DeepL glossary (POST /v2/glossaries, TSV entries),
 * one per language pair and glossary version, replaced when the glossary changes.
 */
import { callJson, expectString } from "../http";
import type { GlossaryPair, GlossaryStore, MtJob, MtProvider } from "../types";
import { MtError } from "../types";

export interface DeeplConfig {
  readonly key: string;
  /** Default: the free host for keys ending in ":fx", the pro host otherwise. */
  readonly url?: string;
  readonly formality?: string;
  readonly timeoutMs: number;
}

/** Target codes DeepL documents for our languages; it has no Kurdish. */
const TARGET: Record<string, string> = { en: "EN-GB", tr: "TR", ru: "RU", ar: "AR" };
const SOURCE: Record<string, string> = { en: "EN", tr: "TR", ru: "RU", ar: "AR" };

export function deeplBaseUrl(config: Pick<DeeplConfig, "key" | "url">): string {
  if (config.url) return config.url.replace(/\/+$/, "");
  return config.key.endsWith(":fx") ? "https://api-free.deepl.com" : "https://api.deepl.com";
}

/** DeepL glossary entries: one line per source term, tab-separated, no duplicates. */
export function deeplEntries(pairs: readonly GlossaryPair[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const p of pairs) {
    const source = p.source.replace(/\s+/g, " ").trim();
    const target = p.target.replace(/\s+/g, " ").trim();
    if (!source || !target || seen.has(source)) continue;
    seen.add(source);
    lines.push(`${source}\t${target}`);
  }
  return lines.join("\n");
}

export function deeplProvider(config: DeeplConfig): MtProvider {
  const base = deeplBaseUrl(config);
  const headers = { authorization: `DeepL-Auth-Key ${config.key}`, "content-type": "application/json" };
  const options = (signal?: AbortSignal) => ({ timeoutMs: config.timeoutMs, signal });

  async function glossaryId(job: MtJob, store: GlossaryStore): Promise<string | undefined> {
    const known = await store.get("deepl", job.sourceLang, job.targetLang);
    if (known && known.version === job.glossary.version) return known.remoteId;
    const entries = deeplEntries(await job.glossary.pairs());
    if (!entries) return undefined;
    const created = await callJson<{ glossary_id?: unknown }>(
      "DeepL",
      `${base}/v2/glossaries`,
      {
        method: "POST",
        headers,
        body: JSON.stringify({ name: `newsroom ${job.sourceLang}-${job.targetLang} v${job.glossary.version}`, source_lang: job.sourceLang, target_lang: job.targetLang, entries, entries_format: "tsv" }),
      },
      options(job.signal),
    );
    const id = expectString("DeepL", created.glossary_id, "a glossary_id");
    await store.set("deepl", job.sourceLang, job.targetLang, { version: job.glossary.version, remoteId: id });
    // Glossaries are immutable: the previous version is removed once the new one exists.
    if (known) await fetch(`${base}/v2/glossaries/${encodeURIComponent(known.remoteId)}`, { method: "DELETE", headers, signal: AbortSignal.timeout(config.timeoutMs) }).catch(() => undefined);
    return id;
  }

  return {
    id: "deepl",
    label: "DeepL",
    maxBatch: 50,
    concurrency: 2,
    async unsupported(sourceLang, targetLang) {
      if (!SOURCE[sourceLang]) return `DeepL does not translate from ${sourceLang}.`;
      if (!TARGET[targetLang]) return `DeepL does not translate into ${targetLang}.`;
      return null;
    },
    async translate(job, store) {
      const glossary = await glossaryId(job, store);
      const body = {
        text: job.texts,
        source_lang: SOURCE[job.sourceLang],
        target_lang: TARGET[job.targetLang],
        preserve_formatting: true,
        ...(glossary ? { glossary_id: glossary } : {}),
        ...(config.formality ? { formality: config.formality } : {}),
      };
      const answer = await callJson<{ translations?: { text?: unknown }[] }>("DeepL", `${base}/v2/translate`, { method: "POST", headers, body: JSON.stringify(body) }, options(job.signal));
      const list = answer.translations;
      if (!Array.isArray(list) || list.length !== job.texts.length) throw new MtError("mt_bad_response", "DeepL answered with a different number of translations");
      return list.map((t) => expectString("DeepL", t.text, "the translated text"));
    },
  };
}
