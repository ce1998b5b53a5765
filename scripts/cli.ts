/**
 * `npm run cli -- <command>`: batch work with the same services as the UI.
 * Every command that changes data acts as a named account (--as <username>)
 * and is refused unless that account holds the permission, as in the API.
 * Progress goes to stderr, results to stdout (or --out); a failure exits 1.
 */
import { runCli } from "@/features/cli/commands";

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
