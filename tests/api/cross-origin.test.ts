import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { route } from "@/features/auth/server/route";
import { config } from "@/proxy";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, useAuth } from "../helpers/api";

const handler = route({ access: "public", handler: async () => Response.json({ ok: true }) });
const call = (method: string, headers: Record<string, string>) =>
  handler(new Request("http://localhost:3000/api/v1/glossary/import", { method, headers: { host: "localhost:3000", ...headers } }), { params: Promise.resolve({}) });

describe("cross-origin writes to the API (route())", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await DIALECTS[0]!.create();
    useAuth(t.db, new TestClock());
  });
  afterAll(() => t.destroy());

  it("refuses a write from another origin or site with 403 cross_origin", async () => {
    for (const headers of <Record<string, string>[]>[{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }, { "sec-fetch-site": "same-site", origin: "http://localhost:3000" }]) {
      const r = await call("POST", headers);
      expect(r.status).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("cross_origin");
    }
  });

  it("lets same-origin writes, non-browser clients and cross-origin reads through", async () => {
    expect((await call("POST", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await call("POST", {})).status).toBe(200);
    expect((await call("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(200);
  });
});

describe("the proxy's matcher", () => {
  it("leaves the API to route(), so Next never buffers (and cuts) an upload for the proxy", () => {
    for (const url of ["/api/v1/tm/import", "/api/v1/glossary/import?format=csv", "/api/v1/documents/x/xliff?lang=tr", "/api/v1/documents"]) {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
    }
  });

  it("still runs on pages and on the sign-in endpoints", () => {
    for (const url of ["/", "/en", "/en/workbench", "/api/auth/sign-in/username"]) expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
  });
});
