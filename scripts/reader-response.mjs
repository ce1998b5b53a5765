// Preloaded (`node --import ./scripts/reader-response.mjs`) into the process
// that serves the app (scripts/start.mjs nextStartArgs). Next serves the
// anonymous reader pages from its cache (app/(cached)); proxy.ts marks them
// with a response header (READER_CACHE_MARK there), and here each marked page
// gets what a shared cache (CDN) needs and the framework can't give a cached
// page:
// - Cache-Control: public, s-maxage, stale-while-revalidate;
// - a strong ETag of the bytes sent, and 304 on a matching If-None-Match;
// - a Content-Security-Policy allowing exactly the page's inline scripts and
//   styles by their SHA-256 hashes (a cached page has no per-request nonce);
// - no Set-Cookie.
// It also compresses every response (gzip, as `next start` would: Next's own
// compression is off in next.config.js so that the HTML arrives here plain).
import { createHash } from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const compression = require("next/dist/compiled/compression");

const MARK = "x-wb-reader-cache";
/** A CDN keeps a page a minute and may serve it stale for five while it asks again (If-None-Match, a cheap 304). */
export const READER_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
const compress = compression();
const HOOKED = ["writeHead", "write", "end", "flushHeaders"];

/** Paths that may be pages (no file extension, not Next's assets or the API). */
const PAGE_PATH = /^\/(?!_next\/|api\/)[^.?]*(\?|$)/;

const inlineElement = (tag) => new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, "gi");
const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The hashes of the inline scripts (with no src) and of the <style> elements of a page. */
export function inlineHashes(html) {
  const scripts = new Set();
  for (const [, attrs, body] of html.matchAll(inlineElement("script"))) if (!/\bsrc\s*=/i.test(attrs)) scripts.add(sha256(body));
  const styles = new Set();
  for (const [, , body] of html.matchAll(inlineElement("style"))) styles.add(sha256(body));
  return { scripts: [...scripts], styles: [...styles] };
}

/** The CSP of a cached reader page: proxy.ts's policy with hashes where the signed-in pages have a nonce. */
export function hashPolicy(html) {
  const { scripts, styles } = inlineHashes(html);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scripts].join(" "),
    ["style-src 'self'", ...styles].join(" "),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** ETag, CSP and gzip of pages by the hash of the HTML Next sent (a page is the same bytes until it is rendered again). */
const processed = new Map();
const PROCESSED_MAX = 200;

function processPage(html) {
  const key = createHash("sha256").update(html).digest("base64url");
  let page = processed.get(key);
  if (!page) {
    page = { etag: `"${key.slice(0, 32)}"`, csp: hashPolicy(html.toString("utf8")), gzip: null };
    if (processed.size >= PROCESSED_MAX) processed.delete(processed.keys().next().value);
    processed.set(key, page);
  }
  return page;
}

function matches(ifNoneMatch, etag) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

function hook(req, res) {
  // Compression first, as `next start` sets it up: before any code of Next's listens on the response.
  compress(req, res, () => {});
  const ifNoneMatch = req.headers["if-none-match"];
  const page = (req.method === "GET" || req.method === "HEAD") && PAGE_PATH.test(req.url ?? "");
  if (!page) return;
  // Next never sees the validator of a page: the ETag is ours.
  delete req.headers["if-none-match"];
  const inner = Object.fromEntries(HOOKED.map((name) => [name, res[name]]));
  const chunks = [];
  let mode; // undefined until the first output: "pass" or "buffer"
  let head;

  const decide = (headers) => {
    if (mode) return mode;
    const marked = res.getHeader(MARK) !== undefined || (headers && typeof headers === "object" && Object.keys(headers).some((k) => k.toLowerCase() === MARK));
    if (marked && req.method === "GET") {
      mode = "buffer";
      return mode;
    }
    mode = "pass";
    for (const name of HOOKED) res[name] = inner[name];
    if (marked) {
      res.removeHeader(MARK);
      res.setHeader("Cache-Control", READER_CACHE_CONTROL);
      res.removeHeader("Set-Cookie");
    }
    return mode;
  };

  res.writeHead = function (status, ...args) {
    const headers = args.find((a) => a && typeof a === "object");
    if (decide(headers) === "pass") return res.writeHead(status, ...args);
    head = [status, ...args];
    return res;
  };
  res.flushHeaders = function () {
    if (decide() === "pass") return res.flushHeaders();
  };
  res.write = function (chunk, encoding, cb) {
    if (decide() === "pass") return res.write(chunk, encoding, cb);
    if (chunk != null) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  };
  res.end = function (chunk, encoding, cb) {
    if (decide() === "pass") return res.end(chunk, encoding, cb);
    if (chunk != null && typeof chunk !== "function") chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    const done = [chunk, encoding, cb].find((a) => typeof a === "function");
    if (done) res.once("finish", done);
    const body = Buffer.concat(chunks);
    try {
      finish(req, res, head, body, ifNoneMatch);
    } catch (error) {
      // The page as Next made it rather than none.
      console.error("reader-response:", error);
      if (!res.headersSent) send.end.call(res, body);
    }
    return res;
  };
}

// A buffered page is sent past the compression set up above (finish compresses it once and keeps the result).
const send = { end: http.ServerResponse.prototype.end };

/** Sends a marked page: cache headers, ETag (or 304), hash CSP, gzip when the client takes it. */
function finish(req, res, head, body, ifNoneMatch) {
  // Node writes the head through res.writeHead: the plain one, neither ours nor compression's.
  for (const name of HOOKED) res[name] = http.ServerResponse.prototype[name];
  if (head) {
    const [status, ...args] = head;
    res.statusCode = status;
    const headers = args.find((a) => a && typeof a === "object");
    if (headers) for (const [k, v] of Array.isArray(headers) ? chunkPairs(headers) : Object.entries(headers)) res.setHeader(k, v);
  }
  res.removeHeader(MARK);
  res.removeHeader("Set-Cookie");
  // The internal route the page came from is nobody's business.
  res.removeHeader("x-middleware-rewrite");
  const html = String(res.getHeader("content-type") ?? "").startsWith("text/html");
  if (!html || (res.statusCode !== 200 && res.statusCode !== 404)) {
    send.end.call(res, body);
    return;
  }
  const page = processPage(body);
  res.setHeader("Cache-Control", res.statusCode === 200 ? READER_CACHE_CONTROL : "public, max-age=0, s-maxage=60");
  res.setHeader("Content-Security-Policy", page.csp);
  // Next's Vary (the RSC request headers) stays: a CDN keeps the HTML and the RSC payload apart.
  const vary = String(res.getHeader("Vary") ?? "");
  if (!/\baccept-encoding\b/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  res.removeHeader("Content-Length");
  res.removeHeader("Content-Encoding");
  if (res.statusCode === 200) {
    res.setHeader("ETag", page.etag);
    if (matches(ifNoneMatch, page.etag)) {
      res.statusCode = 304;
      for (const h of ["Content-Type", "Content-Security-Policy"]) res.removeHeader(h);
      send.end.call(res);
      return;
    }
  }
  let out = body;
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    page.gzip ??= zlib.gzipSync(body, { level: 6 });
    out = page.gzip;
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", out.length);
  send.end.call(res, out);
}

function chunkPairs(flat) {
  const pairs = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}

for (const Server of [http.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, ...args) {
    if (event === "request" && args[0]?.headers && args[1]) hook(args[0], args[1]);
    return emit.call(this, event, ...args);
  };
}
