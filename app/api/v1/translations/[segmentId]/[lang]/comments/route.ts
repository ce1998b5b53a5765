import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { readJson, route } from "@/features/auth/server/route";
import { addComment, commentDto, commentInputSchema, listComments } from "@/features/workbench/server/comments";
import { announceComments } from "@/features/workbench/server/announce";

/** The comment threads on a segment's translation. */
export const GET = route<{ segmentId: string; lang: string }>({
  access: "authenticated",
  handler: async ({ params, db }) => {
    if (!isLanguageCode(params.lang)) throw new ApiError("not_found", "No such language.");
    return Response.json({ comments: (await listComments(db, params.segmentId, params.lang)).map(commentDto) });
  },
});

/** Starts a thread or replies to one; @usernames mention colleagues. */
export const POST = route<{ segmentId: string; lang: string }>({
  access: "translation.edit",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, commentInputSchema);
    if (principal.kind !== "user") throw new ApiError("unauthorized", "Sign in to do this.");
    const comment = await addComment(db, { segmentId: params.segmentId, lang: params.lang, authorId: principal.userId, authorName: principal.name, body: input.body, threadId: input.threadId });
    await announceComments(db, params.segmentId, params.lang);
    return Response.json({ comment: commentDto(comment) }, { status: 201 });
  },
});
