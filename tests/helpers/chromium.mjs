// Where Debian's Chromium is, and the flags it needs on this network.
import fs from "node:fs";

/** Flags without which Chromium stalls on a closed network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** CHROMIUM_PATH, else the first Chromium found on the usual paths. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"].find((p) => fs.existsSync(p)) ?? "/usr/bin/chromium";
}
