import { z } from "zod";
import { queryLang, route } from "@/features/auth/server/route";
import { ApiError } from "@/lib/api/errors";
import { announcedLength } from "@/lib/api/body";
import { importResponse, readUpload, type ImportProgress } from "@/lib/api/import-stream";
import { defineJob, runImportJob } from "@/lib/worker/pool";
import { jobDbConfig } from "@/lib/worker/db";
import { TARGET_LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { uiLanguage } from "@/features/qa/server/check";
import { EXPORT_VERSIONS, MAX_XLIFF_BYTES } from "@/features/exchange/xliff/model";
import { exportXliff } from "@/features/exchange/xliff/server/service";
import type * as XliffJob from "@/features/exchange/xliff/server/import-job";
import { announceTranslation } from "@/features/workbench/server/service";
import { getEventBus } from "@/features/workbench/server/events";

const xliffImportJob = defineJob<typeof XliffJob.xliffImportJob>("features/exchange/xliff/server/import-job.ts", "xliffImportJob");

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
 * The file is handled in a worker thread; with `Accept: application/x-ndjson`
 * the answer streams progress lines (lib/api/import-stream).
 */
export const POST = route<{ slug: string }>({
  access: "translation.edit",
  lang: queryLang(),
  handler: async ({ request, params, db, principal, lang: checked }) => {
    const target = lang.parse(checked);
    const q = importQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    announcedLength(request, MAX_XLIFF_BYTES, "The XLIFF file");
    const config = jobDbConfig(db);
    return importResponse(request, async (send) => {
      const bytes = await readUpload(request, MAX_XLIFF_BYTES, "The XLIFF file", send);
      if (bytes.length === 0) throw new ApiError("validation_failed", "The request body is empty: send the XLIFF file as the body.");
      const options = {
        slug: params.slug,
        lang: target,
        filename: q.filename,
        dryRun: q.dryRun,
        principal,
        ...(q.qaOverride !== undefined ? { qaOverride: q.qaOverride } : {}),
        ...(q.expect !== undefined ? { expect: q.expect } : {}),
        uiLang: uiLanguage(request.headers),
      };
      // Read, planned, checked and written in a worker thread (lib/worker importPool).
      const { report, saved } = await runImportJob(xliffImportJob, { db: config, bytes, options }, { transfer: [bytes.buffer as ArrayBuffer], onProgress: (p) => send(p as ImportProgress) });
      const bus = getEventBus();
      for (const t of saved) await announceTranslation(db, bus, t);
      return { report };
    });
  },
});
