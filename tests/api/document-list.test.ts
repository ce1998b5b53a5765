import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { buildStories, scaleSlug } from "../helpers/scale";
import { createUserAccount } from "@/features/auth/server/users";
import { buildOpenApi } from "@/lib/api/openapi";

const PASSWORD = "document-list-password";
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`GET /api/v1/documents on ${dialect.name}`, () => {
    let t: TestDatabase;
    let translator: string;

    beforeAll(async () => {
      t = await dialect.create();
      await buildStories(t.db, 0, 30);
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Ayşe Demir", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null);
      translator = (await signIn("ayse", PASSWORD)).cookie!;
    }, 60_000);
    afterAll(async () => {
      await t?.destroy();
    });

    it("answers a page with the cursors of its neighbours, and the pages join without gaps", async () => {
      const first = await json(await call("GET", "/api/v1/documents?limit=12", { cookie: translator }));
      expect(first.documents.map((d: Json) => d.slug)).toEqual(Array.from({ length: 12 }, (_, i) => scaleSlug(29 - i)));
      expect(first.prev).toBeNull();
      const second = await json(await call("GET", `/api/v1/documents?limit=12&after=${first.next}`, { cookie: translator }));
      expect(second.documents[0].slug).toBe(scaleSlug(17));
      const last = await json(await call("GET", `/api/v1/documents?limit=12&after=${second.next}`, { cookie: translator }));
      expect(last.documents).toHaveLength(6);
      expect(last.next).toBeNull();
      const back = await json(await call("GET", `/api/v1/documents?limit=12&before=${second.prev}`, { cookie: translator }));
      expect(back.documents.map((d: Json) => d.slug)).toEqual(first.documents.map((d: Json) => d.slug));
    });

    it("filters by progress in the caller's languages and sorts by title", async () => {
      const mine = await json(await call("GET", "/api/v1/documents?mine=1&progress=complete&limit=100", { cookie: translator }));
      expect(mine.documents.length).toBeGreaterThan(0);
      for (const d of mine.documents) expect(d.progress.tr.approved).toBe(d.progress.tr.total);
      const titles = await json(await call("GET", "/api/v1/documents?sort=title&limit=100", { cookie: translator }));
      expect(titles.documents).toHaveLength(30);
    });

    it("answers 400 to a cursor it did not make, a limit over 100 or an unknown sort, and 401 to an anonymous caller", async () => {
      for (const query of ["after=not-a-cursor", "limit=101", "sort=size", "progress=half", "after=a&before=b"]) {
        const r = await call("GET", `/api/v1/documents?${query}`, { cookie: translator });
        expect(r.status, query).toBe(400);
        expect((await json(r)).error.code).toBe("validation_failed");
      }
      expect((await call("GET", "/api/v1/documents")).status).toBe(401);
    });
  });
}

describe("OpenAPI for GET /api/v1/documents", () => {
  it("documents the page's cursors and the query's types and enums", () => {
    const op = (buildOpenApi().paths as Json)["/api/v1/documents"].get;
    const params = Object.fromEntries(op.parameters.map((p: Json) => [p.name, p]));
    expect(params.sort.schema).toMatchObject({ enum: ["updated", "created", "title"], default: "updated" });
    expect(params.limit.schema).toMatchObject({ type: "integer", maximum: 100 });
    expect(Object.keys(params)).toEqual(expect.arrayContaining(["after", "before", "q", "status", "lang", "progress", "mine"]));
    expect(op.responses["200"].content["application/json"].schema.properties).toHaveProperty("next");
  });
});
