/**
 * OpenAI-compatible chat-completions stand-in, from platform.openai.com/docs
 * (Chat Completions): POST /chat/completions with `Authorization: Bearer`,
 * {model, messages[{role, content}], temperature} → {id, object:
 * "chat.completion", choices:[{index, message:{role, content}, finish_reason}],
 * usage}; errors {error:{message, type, code}}: 401 invalid_api_key, 429
 * rate_limit_exceeded. Its "translation" applies the approved terms listed
 * in the prompt, so tests see that the prompt carried them.
 */
import { startStub, type Stub, type StubOptions } from "./server";

export interface OpenAiStubOptions extends StubOptions {
  /** Answer without the approved terms of the prompt (a model that ignores its instructions). */
  readonly ignoreTerms?: boolean;
}

export async function startOpenAi(key: string, options: OpenAiStubOptions = {}): Promise<Stub> {
  return startStub((req) => {
    if (req.headers.authorization !== `Bearer ${key}`) return { status: 401, body: { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } } };
    if (req.method !== "POST" || req.path !== "/chat/completions") return { status: 404, body: { error: { message: "Not found", type: "invalid_request_error", code: null } } };
    const messages = req.body?.messages as { role: string; content: string }[] | undefined;
    if (!req.body?.model || !Array.isArray(messages)) return { status: 400, body: { error: { message: "model and messages are required", type: "invalid_request_error", code: null } } };
    const user = messages.find((m) => m.role === "user")?.content ?? "";
    const paragraph = user.split("Paragraph to translate:\n")[1] ?? "";
    const terms = [...user.matchAll(/^- ("(?:[^"\\]|\\.)*") → ("(?:[^"\\]|\\.)*")$/gm)].map((m) => [JSON.parse(m[1]!), JSON.parse(m[2]!)] as [string, string]);
    let out = paragraph;
    if (!options.ignoreTerms) for (const [s, t] of terms) out = out.split(s).join(t);
    return {
      status: 200,
      body: { id: "chatcmpl-stub", object: "chat.completion", created: 0, model: req.body.model, choices: [{ index: 0, message: { role: "assistant", content: `[llm] ${out}` }, finish_reason: "stop" }], usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } },
    };
  }, options);
}
