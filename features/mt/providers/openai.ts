/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's
 * compatible route, vLLM, Ollama, …): POST {base}/chat/completions with a
 * bearer key; one request per segment, the prompt from ../prompt.ts.
 */
import { findLanguage } from "@/lib/i18n/languages";
import { callJson, expectString } from "../http";
import { buildPrompt, cleanAnswer } from "../prompt";
import type { MtProvider } from "../types";
import { MtError } from "../types";

export interface OpenAiConfig {
  readonly baseUrl: string;
  readonly key?: string;
  readonly model: string;
  readonly timeoutMs: number;
}

export function openAiProvider(config: OpenAiConfig): MtProvider {
  const base = config.baseUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.key) headers.authorization = `Bearer ${config.key}`;
  return {
    id: "openai",
    label: `LLM (${config.model})`,
    maxBatch: 1,
    concurrency: 4,
    async unsupported(sourceLang, targetLang) {
      return findLanguage(sourceLang) && findLanguage(targetLang) ? null : "Unknown language.";
    },
    async translate(job) {
      const out: string[] = [];
      for (const [i, text] of job.texts.entries()) {
        const messages = buildPrompt({
          sourceName: findLanguage(job.sourceLang)!.englishName,
          targetName: findLanguage(job.targetLang)!.englishName,
          text,
          terms: job.terms,
          context: job.context?.[i],
        });
        const answer = await callJson<{ choices?: { message?: { content?: unknown } }[] }>(
          "LLM",
          `${base}/chat/completions`,
          { method: "POST", headers, body: JSON.stringify({ model: config.model, temperature: 0, messages }) },
          { timeoutMs: config.timeoutMs, signal: job.signal },
        );
        const content = cleanAnswer(expectString("LLM", answer.choices?.[0]?.message?.content, "a message"));
        if (!content) throw new MtError("mt_bad_response", "The LLM answered with an empty translation");
        out.push(content);
      }
      return out;
    },
  };
}
