import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { readJson, route } from "@/features/auth/server/route";
import { COMMENTS_ORDER, addComment, commentDto, commentInputSchema, commentListQuerySchema, listComments } from "@/features/workbench/server/comments";
import { pageRequestOrThrow, searchParamsOrThrow } from "@/lib/api/page";
import { announceComments } from "@/features/workbench/server/announce";

/** A page of the comments (threads and replies, oldest first) on a segment's translation. */
export const GET = route<{ segmentId: string; lang: string }>({
  access: "authenticated",
  handler: async ({ request, params, db }) => {
    if (!isLanguageCode(params.lang)) throw new ApiError("not_found", "No such language.");
    const query = commentListQuerySchema.parse(searchParamsOrThrow(request.url));
    const page = await listComments(db, params.segmentId, params.lang, pageRequestOrThrow(query, COMMENTS_ORDER.length));
    return Response.json({ comments: page.items.map(commentDto), next: page.next, prev: page.prev });
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
