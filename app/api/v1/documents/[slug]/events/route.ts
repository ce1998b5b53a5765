import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { route } from "@/features/auth/server/route";
import { principalFromHeaders } from "@/features/auth/server/principal";
import { getEventBus, getPresence, type WorkbenchEvent } from "@/features/workbench/server/events";

export const dynamic = "force-dynamic";

/** How often an open stream checks that its session still holds, besides when told a session ended. */
const SESSION_CHECK_MS = 30_000;

/**
 * Server-sent events: translation changes, comments and presence for one
 * document and language, for as long as the session that opened the stream
 * holds (it ends on sign-out, disabling, or a password change or reset).
 */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db, auth, principal }) => {
    const lang = new URL(request.url).searchParams.get("lang") ?? "";
    if (!isLanguageCode(lang)) throw new ApiError("validation_failed", "Give the language as ?lang=.");
    const doc = await findDocumentBySlug(db, params.slug);
    if (!doc) throw new ApiError("not_found", "No such document.");
    const bus = getEventBus();
    const encoder = new TextEncoder();
    const userId = principal.kind === "user" ? principal.userId : "";
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        const end = () => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
        const send = (event: string, data: unknown) => {
          try {
            controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
          } catch {
            end();
          }
        };
        // One session check at a time; a request for another while one runs is kept and run after it.
        let checking = false;
        let again = false;
        const checkSession = async () => {
          if (checking) {
            again = true;
            return;
          }
          checking = true;
          try {
            do {
              again = false;
              const now = await principalFromHeaders(auth, db, request.headers);
              if (now.kind !== "user" || now.userId !== userId) return end();
            } while (again && !closed);
          } catch {
            /* a failed check (database busy) is no sign-out: the next one decides */
          } finally {
            checking = false;
          }
        };
        send("hello", { presence: getPresence().snapshot(doc.id, lang) });
        const unsubscribe = bus.subscribe(doc.id, lang, (e: WorkbenchEvent) => send(e.type, e));
        const unsubscribeSessions = bus.subscribeSessionEnds(userId, () => void checkSession());
        const sessionCheck = setInterval(() => void checkSession(), SESSION_CHECK_MS);
        const keepAlive = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
          } catch {
            end();
          }
        }, 15_000);
        cleanup = () => {
          clearInterval(keepAlive);
          clearInterval(sessionCheck);
          unsubscribe();
          unsubscribeSessions();
        };
        request.signal.addEventListener("abort", end);
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
