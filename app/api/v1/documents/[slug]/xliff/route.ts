import { z } from "zod";
import { queryLang, route } from "@/features/auth/server/route";
import { ApiError } from "@/lib/api/errors";
import { readRequestBytes } from "@/lib/api/body";
import { TARGET_LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { uiLanguage } from "@/features/qa/server/check";
import { EXPORT_VERSIONS, MAX_XLIFF_BYTES } from "@/features/exchange/xliff/model";
import { exportXliff, importXliff } from "@/features/exchange/xliff/server/service";
import { announceTranslation } from "@/features/workbench/server/service";
import { getEventBus } from "@/features/workbench/server/events";

const lang = z.enum(TARGET_LANGUAGE_CODES as [LanguageCode, ...LanguageCode[]]);
const exportQuery = z.object({ lang, version: z.enum(EXPORT_VERSIONS).default("2.1") });
// `lang` is read once, by route() (queryLang), and given to the handler.
const importQuery = z.object({
  lang: z.string().optional(),
  dryRun: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
  filename: z.string().trim().min(1).max(200).default("upload.xlf"),
  qaOverride: z.string().trim().min(1, "Give the reason for overriding the quality checks.").max(1000).optional(),
  expect: z.string().max(100).optional(),
});

/** The document's segments in one target language as an XLIFF 2.1 (default) or 1.2 file. */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db }) => {
    const q = exportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { filename, body } = await exportXliff(db, params.slug, q.lang, q.version);
    return new Response(body, {
      headers: {
        "content-type": "application/xliff+xml; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  },
});


/**
 * Imports a translated XLIFF file (the raw request body) into the document's
 * translations in `lang`; `dryRun=1` previews and writes nothing. The
 * permission (translation.edit) is checked in the `lang` query parameter.
 */
export const POST = route<{ slug: string }>({
  access: "translation.edit",
  lang: queryLang(),
  handler: async ({ request, params, db, principal, lang: checked }) => {
    const target = lang.parse(checked);
    const q = importQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const bytes = await readRequestBytes(request, MAX_XLIFF_BYTES, "The XLIFF file");
    if (bytes.length === 0) throw new ApiError("validation_failed", "The request body is empty: send the XLIFF file as the body.");
    const { report, saved } = await importXliff(db, bytes, {
      slug: params.slug,
      lang: target,
      filename: q.filename,
      dryRun: q.dryRun,
      principal,
      ...(q.qaOverride !== undefined ? { qaOverride: q.qaOverride } : {}),
      ...(q.expect !== undefined ? { expect: q.expect } : {}),
      uiLang: uiLanguage(request.headers),
    });
    const bus = getEventBus();
    for (const t of saved) await announceTranslation(db, bus, t);
    return Response.json({ report });
  },
});
