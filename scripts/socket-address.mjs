// Preloaded (`node --import ./scripts/socket-address.mjs`) into the process
// that serves the app: stamps every request with the chain of addresses it came
// through, the X-Forwarded-For it arrived with followed by the socket's peer
// address, in a header a client cannot set (an incoming copy is replaced).
// Next only fills X-Forwarded-For with the socket address when the request has
// none, so without this a client that sends one would hide its address.
// lib/http/client-address.ts reads the header (CLIENT_CHAIN_HEADER there).
import http from "node:http";
import https from "node:https";

const HEADER = "x-wb-client-chain";

function stamp(req) {
  const forwarded = req.headers["x-forwarded-for"];
  const peer = req.socket?.remoteAddress;
  req.headers[HEADER] = [Array.isArray(forwarded) ? forwarded.join(", ") : forwarded, peer].filter(Boolean).join(", ");
}

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, ...args) {
    if (event === "request" && args[0]?.headers) stamp(args[0]);
    return emit.call(this, event, ...args);
  };
}
