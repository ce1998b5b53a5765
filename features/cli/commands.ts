import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import type { Kysely } from "kysely";
import { createDb, resolveDbConfig } from "@/lib/db/connection";
import { migrateToLatest } from "@/lib/db/migrate";
import type { Database } from "@/lib/db/schema";
import { TERM_STATUSES } from "@/lib/db/schema";
import { ApiError } from "@/lib/api/errors";
import { LANGUAGE_CODES, isLanguageCode, type LanguageCode } from "@/lib/i18n/languages";
import { can, type Permission } from "@/features/auth/permissions";
import { principalForUsername } from "@/features/auth/server/principal";
import { parseGlossaryFile, serializeGlossary } from "@/features/glossary/exchange";
import { exportConcepts, importGlossary } from "@/features/glossary/server/exchange";
import { exportTmx, importTmx } from "@/features/tm/server/transfer";
import { documentQaReport } from "@/features/qa/server/report";
import { exportDocumentTmx, exportStory } from "@/features/stories/server/export";
import { applySourceUpdate, createDocument, parseSource, planSourceUpdate, toApiError } from "@/features/documents/server/service";
import { segmentBlocks, suggestSlug } from "@/features/documents/segmentation";
import { IMPORT_FORMATS, type ImportFormat } from "@/features/documents/blocks";
import { exportXliff, importXliff } from "@/features/exchange/xliff/server/service";
import { announceGlossaryChanged, closeEventBus } from "@/features/workbench/server/events";

/** What a command needs: the database and where to write. */
export interface CliContext {
  readonly db: Kysely<Database>;
  out(text: string): void;
  err(text: string): void;
}

/** A failure the user can fix: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

const lang = (value: string): LanguageCode => {
  if (!isLanguageCode(value)) throw new CliError(`Unknown language "${value}": use one of ${LANGUAGE_CODES.join(", ")}.`);
  return value;
};

/** The account a command acts as, refused unless it holds `permission` (in `language`). */
export async function actor(db: Kysely<Database>, username: string | undefined, permission: Permission, language?: string) {
  if (!username) throw new CliError("Say who does this: --as <username> (the command is checked against that account's permissions).");
  const principal = await principalForUsername(db, username).catch((e: Error) => {
    throw new CliError(e.message);
  });
  if (!can(principal, permission, language)) throw new CliError(`"${username}" may not do this (${permission}${language ? ` in ${language}` : ""}).`);
  return principal;
}

function write(ctx: CliContext, text: string, out: string | undefined) {
  if (out) {
    fs.writeFileSync(out, text);
    ctx.err(`Wrote ${out} (${Buffer.byteLength(text)} bytes).`);
  } else ctx.out(text);
}

/** Reads a file in chunks, reporting progress on stderr. */
async function* readWithProgress(ctx: CliContext, file: string): AsyncGenerator<Uint8Array> {
  const size = fs.statSync(file).size;
  let read = 0;
  let shown = -1;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    read += (chunk as Buffer).length;
    const pct = Math.floor((100 * read) / Math.max(1, size));
    if (pct !== shown && (pct % 10 === 0 || read === size)) {
      shown = pct;
      ctx.err(`  ${path.basename(file)}: ${pct}% (${read} of ${size} bytes)`);
    }
    yield new Uint8Array(chunk as Buffer);
  }
}

/** The commands. Each returns the exit code. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("npm run cli --")
    .description("Newsroom translation workbench: batch import, export and QA with the same services as the UI.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) });

  /** The segments of a story file (.txt, .md, .html, .docx), as the import page previews them. */
  const storySegments = async (file: string, sentences: boolean) => {
    const ext = path.extname(file).slice(1).toLowerCase().replace(/^htm$/, "html").replace(/^markdown$/, "md");
    if (!(IMPORT_FORMATS as readonly string[]).includes(ext)) throw new CliError(`Cannot tell the format of ${file}: use a .txt, .md, .html or .docx file.`);
    try {
      return segmentBlocks(await parseSource(ext as ImportFormat, new Uint8Array(fs.readFileSync(file))), { sentences, lang: "en" });
    } catch (e) {
      throw toApiError(e);
    }
  };

  program
    .command("import-story <file>")
    .description("Create a document from an English story (.txt, .md, .html or .docx).")
    .requiredOption("--as <username>", "the account that imports (needs document.import)")
    .option("--slug <slug>", "the story's address (default: from its title)")
    .option("--sentences", "split paragraphs into sentences")
    .option("--draft", "create it unpublished")
    .action(async (file: string, o: { as: string; slug?: string; sentences?: boolean; draft?: boolean }) => {
      const who = await actor(ctx.db, o.as, "document.import");
      const segments = await storySegments(file, Boolean(o.sentences));
      const title = segments.find((s) => s.kind === "title")?.text ?? segments[0]?.text ?? path.basename(file);
      const created = await createDocument(ctx.db, { slug: o.slug ?? suggestSlug(title), segments, status: o.draft ? "draft" : "published" }, who);
      ctx.out(`Created "${created.document.slug}" with ${created.segments.length} segment(s).`);
    });

  program
    .command("update-source <slug> <file>")
    .description("Import a new version of a story's source: unchanged segments keep their translations, changed ones are outdated.")
    .requiredOption("--as <username>", "the account that imports (needs document.import)")
    .option("--sentences", "split paragraphs into sentences")
    .option("--dry-run", "report what would change, write nothing")
    .action(async (slug: string, file: string, o: { as: string; sentences?: boolean; dryRun?: boolean }) => {
      const who = await actor(ctx.db, o.as, "document.import");
      const segments = await storySegments(file, Boolean(o.sentences));
      const plan = o.dryRun ? await planSourceUpdate(ctx.db, slug, segments) : await applySourceUpdate(ctx.db, slug, segments, { principal: who });
      const c = plan.counts;
      ctx.out(`${o.dryRun ? "Dry run: would keep" : "Kept"} ${c.kept}, ${o.dryRun ? "outdate" : "outdated"} ${c.changed} changed, ${o.dryRun ? "add" : "added"} ${c.new} and ${o.dryRun ? "remove" : "removed"} ${c.removed} segment(s).`);
    });

  program
    .command("export-xliff <slug>")
    .description("Write a document for one target language as XLIFF 2.1 or 1.2.")
    .requiredOption("--lang <lang>", "target language")
    .option("--version <version>", "2.1 | 1.2", "2.1")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (slug: string, o: { lang: string; version: string; out?: string }) => {
      if (o.version !== "2.1" && o.version !== "1.2") throw new CliError("--version is 2.1 or 1.2.");
      const { body } = await exportXliff(ctx.db, slug, lang(o.lang), o.version);
      write(ctx, body, o.out);
    });

  program
    .command("import-xliff <slug> <file>")
    .description("Import a translated XLIFF (from this tool or a CAT tool): units matched by id, nothing newer in the workbench overwritten.")
    .requiredOption("--lang <lang>", "target language")
    .requiredOption("--as <username>", "the account that imports (needs translation.edit in the language)")
    .option("--dry-run", "report what would change, write nothing")
    .option("--qa-override <reason>", "a reviewer confirms texts with QA errors, for this reason")
    .action(async (slug: string, file: string, o: { lang: string; as: string; dryRun?: boolean; qaOverride?: string }) => {
      const target = lang(o.lang);
      const who = await actor(ctx.db, o.as, "translation.edit", target);
      const { report } = await importXliff(ctx.db, new Uint8Array(fs.readFileSync(file)), {
        slug,
        lang: target,
        filename: path.basename(file),
        dryRun: Boolean(o.dryRun),
        principal: who,
        uiLang: "en",
        ...(o.qaOverride ? { qaOverride: o.qaOverride } : {}),
      });
      for (const u of report.units) if (u.action !== "unchanged" && u.action !== "update") ctx.err(`  ${file}:${u.line} unit ${u.unit}: ${u.action}${u.reason ? ` (${u.reason})` : ""}${u.message ? ` — ${u.message}` : ""}`);
      for (const p of report.problems) ctx.err(`  ${file}${p.line !== undefined ? `:${p.line}` : ""}: ${p.message}`);
      const counts = Object.entries(report.counts).filter(([, n]) => n > 0).map(([a, n]) => `${n} ${a}`).join(", ");
      ctx.out(`${o.dryRun ? "Dry run" : report.applied ? "Imported" : "Nothing to import"}: ${counts || "no unit"}.`);
    });

  program
    .command("export-glossary")
    .description("Write the glossary as TBX v3 (TBX-Basic), TBX 2008 or CSV.")
    .option("--format <format>", "tbx | tbx2008 | csv", "tbx")
    .option("--lang <codes>", "languages, comma-separated (default: all)")
    .option("--status <statuses>", "workflow statuses, comma-separated", "approved")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (o: { format: string; lang?: string; status: string; out?: string }) => {
      if (!["tbx", "tbx2008", "csv"].includes(o.format)) throw new CliError(`Unknown format "${o.format}": tbx, tbx2008 or csv.`);
      const statuses = o.status.split(",").map((s) => s.trim());
      const bad = statuses.filter((s) => !(TERM_STATUSES as readonly string[]).includes(s));
      if (bad.length) throw new CliError(`Unknown status ${bad.join(", ")}: use ${TERM_STATUSES.join(", ")}.`);
      const concepts = await exportConcepts(ctx.db, { langs: o.lang?.split(",").map((l) => lang(l.trim())), statuses: statuses as never, includePeople: true });
      write(ctx, serializeGlossary(o.format as "tbx", concepts), o.out);
    });

  program
    .command("import-glossary <file>")
    .description("Import a TBX or CSV glossary, all or nothing (every problem is listed).")
    .requiredOption("--as <username>", "the account that imports (needs glossary.manage)")
    .option("--status <status>", "status of terms the file gives none: proposed | approved", "proposed")
    .option("--dry-run", "report what would change, write nothing")
    .action(async (file: string, o: { as: string; status: string; dryRun?: boolean }) => {
      const who = await actor(ctx.db, o.as, "glossary.manage");
      if (o.status !== "proposed" && o.status !== "approved") throw new CliError("--status is proposed or approved.");
      const format = /\.csv$/i.test(file) ? "csv" : "tbx";
      const parsed = parseGlossaryFile(format, new Uint8Array(fs.readFileSync(file)));
      const result = await importGlossary(ctx.db, parsed, { actorId: who.userId, fileName: path.basename(file), defaultStatus: o.status, dryRun: Boolean(o.dryRun) });
      if (!result.ok) {
        for (const p of result.problems) ctx.err(`${file}${p.line !== undefined ? `:${p.line}` : ""}${p.entry ? ` [${p.entry}]` : ""}: ${p.message}`);
        throw new CliError(`${result.problems.length} problem(s); nothing was imported.`);
      }
      // Running servers drop their cached reader pages, which mark approved terms (through PostgreSQL
      // NOTIFY; a server on the same SQLite file is another process and revalidates within the hour).
      if (!o.dryRun) await announceGlossaryChanged();
      const s = result.summary;
      ctx.out(`${o.dryRun ? "Dry run: would import" : "Imported"} ${s.conceptsCreated} new concept(s), ${s.termsAdded} new term(s); ${s.conceptsMatched} concept(s) matched, ${s.termsPresent} term(s) already present.`);
      for (const note of s.languageNotes) ctx.out(`Note: ${note.message} (${note.terms} term(s))`);
    });

  program
    .command("export-tmx")
    .description("Write the translation memory of a language pair as TMX 1.4b.")
    .requiredOption("--target <lang>", "target language")
    .option("--source <lang>", "source language", "en")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (o: { source: string; target: string; out?: string }) => {
      let text = "";
      for await (const piece of exportTmx(ctx.db, lang(o.source), lang(o.target))) text += piece;
      write(ctx, text, o.out);
    });

  program
    .command("import-tmx <file>")
    .description("Import a TMX file into the translation memory, all or nothing.")
    .requiredOption("--as <username>", "the account that imports (needs document.import)")
    .option("--dry-run", "report what would change, write nothing")
    .action(async (file: string, o: { as: string; dryRun?: boolean }) => {
      const who = await actor(ctx.db, o.as, "document.import");
      const s = await importTmx(ctx.db, readWithProgress(ctx, file), { filename: path.basename(file), dryRun: Boolean(o.dryRun), author: who.userId });
      const added = Object.entries(s.added).map(([pair, n]) => `${n} ${pair.replace(">", "→")}`);
      ctx.out(`${o.dryRun ? "Dry run: would add" : "Added"} ${added.length ? added.join(", ") : "no unit"}; ${s.units} <tu> read, ${s.duplicates} already in the memory.`);
      for (const [l, n] of Object.entries(s.skippedLanguages)) ctx.err(`  skipped ${n} variant(s) in ${l} (not a workbench language)`);
      for (const w of s.warnings) ctx.err(`  ${file}${w.line !== undefined ? `:${w.line}` : ""}: ${w.message}`);
    });

  program
    .command("export-story <slug>")
    .description("Write a story in one language as HTML or Markdown, or the whole document as a multilingual TMX.")
    .option("--format <format>", "html | md | tmx", "html")
    .option("--lang <lang>", "language (html and md)")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (slug: string, o: { format: string; lang?: string; out?: string }) => {
      if (o.format === "tmx") return write(ctx, await exportDocumentTmx(ctx.db, slug), o.out);
      if (o.format !== "html" && o.format !== "md") throw new CliError(`Unknown format "${o.format}": html, md or tmx.`);
      if (!o.lang) throw new CliError("--lang is needed for html and md.");
      write(ctx, await exportStory(ctx.db, slug, lang(o.lang), o.format), o.out);
    });

  program
    .command("qa-report <slug>")
    .description("Run the quality checks over a document in one language; exits 2 when errors are found with --fail-on-error.")
    .requiredOption("--lang <lang>", "target language")
    .option("--ui <lang>", "language of the messages", "en")
    .option("--json", "print the report as JSON")
    .option("--fail-on-error", "exit with code 2 if any QA error is found")
    .action(async (slug: string, o: { lang: string; ui: string; json?: boolean; failOnError?: boolean }) => {
      const report = await documentQaReport(ctx.db, slug, lang(o.lang), lang(o.ui));
      if (o.json) ctx.out(JSON.stringify(report, null, 2));
      else {
        for (const i of report.issues) ctx.out(`${i.segmentKey}\t${i.severity}\t${i.check}\t${i.message}${i.excerpt ? `\t«${i.excerpt}»` : ""}`);
        ctx.err(`${report.counts.error} error(s), ${report.counts.warning} warning(s) in ${report.counts.segments} segment(s).`);
      }
      if (o.failOnError && report.counts.error > 0) throw new QaFailed();
    });

  return program;
}

class QaFailed extends Error {}

/** Runs one command line against the configured database; returns the exit code. */
export async function runCli(argv: readonly string[], io: Pick<CliContext, "out" | "err"> = { out: (s) => console.log(s), err: (s) => console.error(s) }, db?: Kysely<Database>): Promise<number> {
  const own = !db;
  const database = db ?? createDb(resolveDbConfig());
  try {
    if (own) await migrateToLatest(database);
    const program = buildProgram({ db: database, ...io });
    if (argv.length === 0) {
      io.out(program.helpInformation().trimEnd());
      return 1;
    }
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof QaFailed) return 2;
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof CliError || e instanceof ApiError) io.err(e.message);
    else io.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 1;
  } finally {
    if (own) {
      await database.destroy();
      await closeEventBus();
    }
  }
}
