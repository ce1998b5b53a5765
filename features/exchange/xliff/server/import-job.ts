/**
 * XLIFF import as a worker job (lib/worker importPool): the file is read,
 * planned, checked and written in a worker thread with its own database
 * connection, so the request thread keeps answering other clients meanwhile.
 * The translations it saved come back for the request thread to announce.
 */
import type { DbConfig } from "@/lib/db/connection";
import type { JobContext } from "@/lib/worker/pool";
import type { ImportProgress } from "@/lib/api/import-stream";
import type { TranslationRow } from "@/lib/db/schema";
import { withJobDb } from "@/lib/worker/db";
import { importXliff, type ImportXliffOptions, type XliffImportReport } from "./service";

export interface XliffImportJobInput {
  readonly db: DbConfig;
  /** The whole file (transferred, not copied). */
  readonly bytes: Uint8Array;
  readonly options: Omit<ImportXliffOptions, "onParsed" | "onWrite">;
}

export async function xliffImportJob(input: XliffImportJobInput, context?: JobContext): Promise<{ report: XliffImportReport; saved: TranslationRow[] }> {
  const total = input.bytes.length;
  const send = (p: ImportProgress) => context?.progress(p);
  send({ phase: "parse", bytes: 0, total, units: 0 });
  return withJobDb(input.db, (db) =>
    importXliff(db, input.bytes, {
      ...input.options,
      onParsed: (units) => send({ phase: "parse", bytes: total, total, units }),
      onWrite: (units) => send({ phase: "write", bytes: total, total, units }),
    }),
  );
}
