/**
 * TMX import as a worker job (lib/worker importPool): the file is parsed and
 * its units written in a worker thread with its own database connection, so
 * the request thread keeps answering other clients meanwhile.
 */
import type { DbConfig } from "@/lib/db/connection";
import type { JobContext } from "@/lib/worker/pool";
import type { ImportProgress } from "@/lib/api/import-stream";
import { withJobDb } from "@/lib/worker/db";
import { importTmx, type TmxImportSummary } from "./transfer";

export interface TmxImportJobInput {
  readonly db: DbConfig;
  /** The whole file (transferred, not copied). */
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly dryRun: boolean;
  readonly author: string | null;
}

/** Slices of the file, so that the parser reports progress as it goes. */
function* slices(bytes: Uint8Array, size = 256 * 1024): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}

export async function tmxImportJob(input: TmxImportJobInput, context?: JobContext): Promise<TmxImportSummary> {
  const total = input.bytes.length;
  const send = (p: ImportProgress) => context?.progress(p);
  return withJobDb(input.db, (db) =>
    importTmx(db, slices(input.bytes), {
      filename: input.filename,
      dryRun: input.dryRun,
      author: input.author,
      onProgress: (bytes, units) => send({ phase: "parse", bytes, total, units }),
      onWrite: (units) => send({ phase: "write", bytes: total, total, units }),
    }),
  );
}
