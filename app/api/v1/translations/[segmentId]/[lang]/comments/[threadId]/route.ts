import { readJson, route } from "@/features/auth/server/route";
import { commentDto, setThreadResolved } from "@/features/workbench/server/comments";
import { resolveInputSchema } from "@/features/workbench/schemas";
import { announceComments } from "@/features/workbench/server/announce";

/** Resolves or reopens a thread. */
export const PATCH = route<{ segmentId: string; lang: string; threadId: string }>({
  access: "translation.edit",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const { resolved } = await readJson(request, resolveInputSchema);
    const root = await setThreadResolved(db, { segmentId: params.segmentId, lang: params.lang, threadId: params.threadId, resolved, by: principal.kind === "user" ? principal.userId : "" });
    await announceComments(db, params.segmentId, params.lang);
    return Response.json({ comment: commentDto(root) });
  },
});
