// Preloaded (`node --import ./scripts/graceful-close.mjs`) into the process that serves the
// app: a stop (SIGTERM, SIGINT) ends within SHUTDOWN_GRACE_MS (default 10 s) whatever the
// clients do. Next's shutdown calls `server.close()`, which waits for every connection to
// end; idle keep-alive connections are kept open for KEEP_ALIVE_TIMEOUT_MS (65 s), and a
// client that has not read its last response (a fetch whose body is never consumed) holds
// one open until that timeout. Once the server is closing, every response says
// `Connection: close`, connections are closed as soon as they are idle, and those still
// open after the grace period are destroyed.
import http from "node:http";
import https from "node:https";

function graceMs() {
  const raw = process.env.SHUTDOWN_GRACE_MS;
  const ms = raw === undefined || raw === "" ? 10_000 : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : 10_000;
}

const closing = new WeakSet();

for (const Server of [http.Server, https.Server]) {
  const close = Server.prototype.close;
  Server.prototype.close = function (...args) {
    if (!closing.has(this)) {
      closing.add(this);
      // A request that arrives on an open connection meanwhile is answered, then the connection closes.
      this.on("request", (_req, res) => {
        res.shouldKeepAlive = false;
        res.on("finish", () => this.closeIdleConnections());
      });
      setTimeout(() => this.closeAllConnections(), graceMs()).unref();
    }
    const result = close.apply(this, args);
    this.closeIdleConnections();
    return result;
  };
}
