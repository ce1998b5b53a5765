import { z } from "zod";
import { route } from "@/features/auth/server/route";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { exportTmx } from "@/features/tm/server/transfer";

const lang = z.enum(LANGUAGE_CODES as [string, ...string[]]);
const querySchema = z.object({ sourceLang: lang.default("en"), targetLang: lang });

/** The memory of a language pair as a TMX 1.4b file. */
export const GET = route({
  access: "authenticated",
  handler: async ({ request, db }) => {
    const { sourceLang, targetLang } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const encoder = new TextEncoder();
    const chunks = exportTmx(db, sourceLang, targetLang);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
    });
    return new Response(body, {
      headers: { "content-type": "application/x-tmx+xml; charset=utf-8", "content-disposition": `attachment; filename="memory-${sourceLang}-${targetLang}.tmx"` },
    });
  },
});
