import "server-only";
import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { route, type RouteContext, type RouteHandler } from "@/features/auth/server/route";
import type { Permission } from "@/features/auth/permissions";

/**
 * route() for an endpoint whose language is in the JSON body ({ "lang": … }) rather than in the path:
 * the permission is checked in that language, with route()'s 401/403, audit and error handling. A
 * body without a valid language answers 401 to anonymous callers and 400 to signed-in ones.
 */
export function routeWithBodyLang<P extends Record<string, string>>(spec: {
  readonly access: Permission;
  readonly maxBytes: number;
  readonly handler: (ctx: RouteContext<P & { lang: string }>) => Promise<Response>;
}): RouteHandler<P> {
  const checked = route<P & { lang: string }>({ access: spec.access, lang: (p) => p.lang, handler: spec.handler });
  const invalid = route<P>({
    access: "authenticated",
    handler: async () => {
      throw new ApiError("validation_failed", "The body needs a `lang`: the target language code.");
    },
  });
  const handler = async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    let lang: unknown;
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length <= spec.maxBytes) {
      try {
        const text = await request.clone().text();
        if (text.length <= spec.maxBytes) lang = (JSON.parse(text) as { lang?: unknown } | null)?.lang;
      } catch {
        lang = undefined;
      }
    }
    if (!isLanguageCode(lang)) return invalid(request, context);
    return checked(request, { params: context.params.then((p) => ({ ...p, lang })) });
  };
  return Object.assign(handler, { access: checked.access, deny: checked.deny });
}
