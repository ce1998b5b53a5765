// A TCP port the operating system says is free: listen on port 0, read the
// port it gave, close. Test servers use it instead of guessing a number.
import net from "node:net";
import { spawnSync } from "node:child_process";

/** A free port on localhost (asynchronous). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The same, for code that cannot wait (a configuration file being loaded). */
export function freePortSync() {
  const script = "const s=require('net').createServer();s.listen(0,()=>{process.stdout.write(String(s.address().port));s.close();});";
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  const port = Number(r.stdout);
  if (r.status !== 0 || !Number.isInteger(port) || port <= 0) throw new Error(`could not find a free port: ${r.stderr}`);
  return port;
}
