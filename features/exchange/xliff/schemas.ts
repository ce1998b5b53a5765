/** The XLIFF import report as the API answers it (for the OpenAPI document). */
import { z } from "zod";
import { ACTIONS, NOTES, REASONS } from "./plan";

const status = z.enum(["untranslated", "draft", "translated", "approved"]);

export const xliffImportReportSchema = z.object({
  filename: z.string(),
  dryRun: z.boolean(),
  applied: z.boolean().describe("Whether the updates were written"),
  document: z.string(),
  lang: z.string(),
  format: z.object({ version: z.string(), producer: z.string().optional(), encoding: z.string() }),
  counts: z.record(z.enum(ACTIONS), z.number().int()),
  reasons: z.partialRecord(z.enum(REASONS), z.number().int()),
  units: z.array(
    z.object({
      unit: z.string(),
      line: z.number().int(),
      action: z.enum(ACTIONS),
      reason: z.enum(REASONS).optional(),
      message: z.string().optional().describe("The detail, in English"),
      segmentId: z.string().optional(),
      current: z.object({ text: z.string(), status, version: z.number().int() }).optional(),
      next: z.object({ text: z.string(), status }).optional(),
      baseVersion: z.number().int().optional().describe("The translation version the file was exported from"),
      notes: z.array(z.enum(NOTES)),
      issues: z.array(z.object({ check: z.string(), severity: z.string(), message: z.string() })).optional(),
    }),
  ),
  problems: z.array(z.object({ line: z.number().int().optional(), severity: z.enum(["error", "warning"]), message: z.string(), unit: z.string().optional() })),
  planHash: z.string().describe("Pass back as `expect` to apply exactly this plan"),
});
