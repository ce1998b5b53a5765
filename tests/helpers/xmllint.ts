/**
 * Validates XML with the real xmllint (Debian's libxml2-utils) against the
 * official schemas copied into tests/fixtures/schemas; --nonet proves nothing
 * is fetched. `npm test` installs libxml2-utils when it is missing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const SCHEMAS = path.join(process.cwd(), "tests", "fixtures", "schemas");

export interface XmllintResult {
  readonly valid: boolean;
  /** What xmllint printed (errors name the line). */
  readonly output: string;
}

/**
 * Runs `xmllint --nonet --noout` with a RELAX NG schema or a DTD (file names in tests/fixtures/schemas), or a W3C XML
 * Schema (`xsd`: a path relative to tests/fixtures/schemas, or absolute; its imports resolve beside it), over the given XML.
 */
export function xmllint(xml: string | Uint8Array, schema: { relaxng: string } | { dtd: string } | { xsd: string }): XmllintResult {
  const found = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (found.error) throw new Error("xmllint is not installed: apt-get install -y libxml2-utils (npm test installs it when it may).");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xmllint-"));
  try {
    const file = path.join(dir, "document.xml");
    fs.writeFileSync(file, xml);
    // A DOCTYPE's relative system id (TBXcoreStructV02.dtd, tmx14.dtd) resolves beside the document.
    if ("dtd" in schema) fs.copyFileSync(path.join(SCHEMAS, schema.dtd), path.join(dir, schema.dtd));
    const args = [
      "--nonet",
      "--noout",
      ...("relaxng" in schema ? ["--relaxng", path.join(SCHEMAS, schema.relaxng)] : "xsd" in schema ? ["--schema", path.resolve(SCHEMAS, schema.xsd)] : ["--dtdvalid", path.join(SCHEMAS, schema.dtd)]),
      file,
    ];
    const r = spawnSync("xmllint", args, { encoding: "utf8", cwd: dir });
    return { valid: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
