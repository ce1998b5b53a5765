/**
 * The chat prompt for LLM engines: the segment, its neighbours, the approved
 * target terms of the concepts in it, the best memory matches and the
 * language's style notes; the answer must be the translation only. Pure.
 */
import type { GlossaryPair, MtContext } from "./types";

export interface ChatMessage {
  readonly role: "system" | "user";
  readonly content: string;
}

const quote = (s: string) => JSON.stringify(s);

export function buildPrompt(input: { sourceName: string; targetName: string; text: string; terms: readonly GlossaryPair[]; context?: MtContext }): ChatMessage[] {
  const { sourceName, targetName, text, terms, context } = input;
  const system = [
    `You are a professional news translator. Translate the user's ${sourceName} news paragraph into ${targetName}, for publication by a newsroom.`,
    "Keep every number, name and quotation; use the newsroom's approved terms exactly as given.",
    "Answer with the translation only: no notes, no quotation marks around it, no explanation.",
  ];
  if (context?.styleNotes?.trim()) system.push(`House style for ${targetName}:\n${context.styleNotes.trim()}`);
  const user: string[] = [];
  if (terms.length) {
    const unique = [...new Map(terms.map((t) => [`${t.source}\u0000${t.target}`, t])).values()];
    user.push(`Approved terms (${sourceName} → ${targetName}):\n${unique.map((t) => `- ${quote(t.source)} → ${quote(t.target)}`).join("\n")}`);
  }
  if (context?.memory?.length) {
    user.push(`Earlier approved translations of similar text (match score in %):\n${context.memory.map((m) => `- [${m.score}] ${quote(m.source)} → ${quote(m.target)}`).join("\n")}`);
  }
  if (context?.previous) user.push(`Previous paragraph (context only, do not translate):\n${context.previous}`);
  if (context?.next) user.push(`Next paragraph (context only, do not translate):\n${context.next}`);
  user.push(`Paragraph to translate:\n${text}`);
  return [
    { role: "system", content: system.join("\n\n") },
    { role: "user", content: user.join("\n\n") },
  ];
}

/** The translation out of a chat answer: code fences and wrapping quotes some models add are removed. */
export function cleanAnswer(answer: string): string {
  let s = answer.trim();
  const fence = /^```[^\n]*\n([\s\S]*?)\n?```$/.exec(s);
  if (fence) s = fence[1]!.trim();
  return s;
}
