/**
 * A stop is not held up by clients: idle keep-alive connections stay open for
 * KEEP_ALIVE_TIMEOUT_MS (here ten minutes), and a client that never reads its
 * response body keeps its connection; SIGTERM still ends the server at once
 * (scripts/graceful-close.mjs), with code 0 from `npm start`'s point of view.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, seed, startServer, type TestDb } from "../helpers/server";

describe("stopping the server with keep-alive clients connected", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    seed(db);
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("ends on SIGTERM although clients hold idle connections and one never read its response", async () => {
    const previous = process.env.KEEP_ALIVE_TIMEOUT_MS;
    process.env.KEEP_ALIVE_TIMEOUT_MS = "600000";
    const server = await startServer(db).finally(() => {
      if (previous === undefined) delete process.env.KEEP_ALIVE_TIMEOUT_MS;
      else process.env.KEEP_ALIVE_TIMEOUT_MS = previous;
    });
    const read = await fetch(`${server.url}/api/v1/me`);
    expect(read.headers.get("keep-alive")).toBe("timeout=600");
    await read.text();
    // Its body is never read: the connection stays with the client.
    const unread = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(unread.status).toBeLessThan(500);
    // Without the preload the server waits for these connections until their ten-minute timeout
    // and this test runs out of time.
    await server.stop("SIGTERM");
    expect(server.child.exitCode ?? server.child.signalCode).not.toBeNull();
  }, 120_000);
});
