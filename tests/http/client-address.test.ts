import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, seed, startServer, type RunningServer, type TestDb } from "../helpers/server";

/** Addresses the audit log recorded for failed sign-ins of `username`. */
function auditedAddresses(db: TestDb, username: string): (string | null)[] {
  const conn = new Database(db.file!, { readonly: true });
  try {
    return (conn.prepare("select ip from audit_log where action = 'auth.sign_in' and actor_label = ? order by created_at").all(username) as { ip: string | null }[]).map((r) => r.ip);
  } finally {
    conn.close();
  }
}

const signIn = (url: string, username: string, forwardedFor?: string) =>
  fetch(`${url}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: JSON.stringify({ username, password: "not-the-password" }),
  }).then(async (response) => {
    await response.arrayBuffer();
    return response;
  });

describe("client addresses over HTTP (next start with scripts/socket-address.mjs)", () => {
  let db: TestDb;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    seed(db);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("by default takes the socket address: a client rotating X-Forwarded-For is still one address, and cannot forge the audit log", async () => {
    server = await startServer(db);
    const statuses: number[] = [];
    // One unknown account per attempt, so only the per-address limit (20) can apply.
    for (let i = 0; i < 22; i++) statuses.push((await signIn(server.url, `rotating-${i}`, `203.0.113.${i}, 198.51.100.${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401), statuses.join(",")).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const addresses = auditedAddresses(db, "rotating-3");
    expect(addresses).toHaveLength(1);
    expect(["127.0.0.1", "::1"]).toContain(addresses[0]);
    // A header named like the stamp is replaced, not believed.
    const forged = await fetch(`${server.url}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-wb-client-chain": "192.0.2.1" },
      body: JSON.stringify({ username: "forged-chain", password: "not-the-password" }),
    });
    expect(forged.status).toBe(429);
    await server.stop();
    server = undefined;
  }, 180_000);

  it("with TRUSTED_PROXIES=1 takes the right-most X-Forwarded-For entry (the one the proxy wrote)", async () => {
    server = await startServer(db, { TRUSTED_PROXIES: "1" });
    expect((await signIn(server.url, "behind-proxy", "6.6.6.6, 203.0.113.50")).status).toBe(401);
    expect(auditedAddresses(db, "behind-proxy")).toEqual(["203.0.113.50"]);
  }, 180_000);
});
