import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { route } from "@/features/auth/server/route";
import { getEventBus, getPresence, type WorkbenchEvent } from "@/features/workbench/server/events";

export const dynamic = "force-dynamic";

/** Server-sent events: translation changes, comments and presence for one document and language. */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db }) => {
    const lang = new URL(request.url).searchParams.get("lang") ?? "";
    if (!isLanguageCode(lang)) throw new ApiError("validation_failed", "Give the language as ?lang=.");
    const doc = await findDocumentBySlug(db, params.slug);
    if (!doc) throw new ApiError("not_found", "No such document.");
    const bus = getEventBus();
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) => {
          try {
            controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
          } catch {
            cleanup();
          }
        };
        send("hello", { presence: getPresence().snapshot(doc.id, lang) });
        const unsubscribe = bus.subscribe(doc.id, lang, (e: WorkbenchEvent) => send(e.type, e));
        const keepAlive = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
          } catch {
            cleanup();
          }
        }, 15_000);
        cleanup = () => {
          clearInterval(keepAlive);
          unsubscribe();
        };
        request.signal.addEventListener("abort", () => {
          cleanup();
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        });
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  },
});
