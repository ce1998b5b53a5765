/**
 * Glossary import (CSV, TBX) as a worker job (lib/worker importPool): the
 * file is parsed, planned against the glossary and written in a worker thread
 * with its own database connection, so the request thread keeps answering
 * other clients meanwhile.
 */
import type { DbConfig } from "@/lib/db/connection";
import type { JobContext } from "@/lib/worker/pool";
import type { ImportProgress } from "@/lib/api/import-stream";
import { withJobDb } from "@/lib/worker/db";
import { parseGlossaryFile } from "../exchange";
import type { ImportFormat } from "../exchange";
import { IMPORT_MAX_BYTES, importGlossary, type ImportResult } from "./exchange";

export interface GlossaryImportJobInput {
  readonly db: DbConfig;
  /** The whole file (transferred, not copied). */
  readonly bytes: Uint8Array;
  readonly format: ImportFormat;
  readonly actorId: string;
  readonly fileName: string;
  readonly defaultStatus: "proposed" | "approved";
  readonly dryRun: boolean;
}

export async function glossaryImportJob(input: GlossaryImportJobInput, context?: JobContext): Promise<ImportResult> {
  const total = input.bytes.length;
  const send = (p: ImportProgress) => context?.progress(p);
  send({ phase: "parse", bytes: 0, total, units: 0 });
  const parsed = parseGlossaryFile(input.format, input.bytes, { maxBytes: IMPORT_MAX_BYTES });
  send({ phase: "parse", bytes: total, total, units: parsed.concepts.length });
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems, ignored: parsed.ignored };
  return withJobDb(input.db, (db) =>
    importGlossary(db, parsed, {
      actorId: input.actorId,
      fileName: input.fileName,
      defaultStatus: input.defaultStatus,
      dryRun: input.dryRun,
      onWrite: () => send({ phase: "write", bytes: total, total, units: parsed.concepts.length }),
    }),
  );
}
