import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS, buildOpenApi, errorStatuses } from "@/lib/api/openapi";
import { TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";

type Json = Record<string, any>;
const doc = buildOpenApi() as Json;
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, path: p, method, op })));
const resolve = (ref: string) => ref.replace(/^#\//, "").split("/").reduce((node: Json, k) => node?.[k], doc);

describe("the OpenAPI document (GET /api/v1/openapi.json)", () => {
  it("gives every operation a unique operationId", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z]+_[A-Za-z0-9_]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lists the error statuses every operation can answer, each with the error schema", () => {
    for (const { key, path: p, method, op } of operations) {
      const statuses = Object.keys(op.responses).filter((s) => /^[45]\d\d$/.test(s));
      const spec = OPERATIONS.find((o) => o.method === method && o.path === p)!;
      if (spec.access !== "public") expect(statuses, key).toContain("401");
      if (spec.access !== "public" && spec.access !== "authenticated") expect(statuses, key).toContain("403");
      if (method !== "get") expect(statuses, key).toContain("403"); // cross_origin
      if (p.includes("{")) expect(statuses, key).toContain("404");
      if (op.requestBody) expect(statuses, key).toEqual(expect.arrayContaining(["400", "413"]));
      if (op.parameters?.some((q: Json) => q.in === "query")) expect(statuses, key).toContain("400");
      for (const s of [...statuses, "default"]) {
        const response = op.responses[s].$ref ? resolve(op.responses[s].$ref) : op.responses[s];
        expect(response?.content?.["application/json"]?.schema, `${key} ${s}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
  });

  it("declares the statuses the handlers answer beyond access and input: conflicts, quality checks, rate limits", () => {
    const statuses = (method: string, p: string) => Object.keys(doc.paths[p][method].responses);
    expect(statuses("put", "/api/v1/translations/{segmentId}/{lang}")).toEqual(expect.arrayContaining(["409", "422"]));
    expect(statuses("post", "/api/v1/glossary/import")).toEqual(expect.arrayContaining(["409", "413", "422"]));
    expect(statuses("post", "/api/v1/tm/import")).toContain("413");
    expect(statuses("post", "/api/v1/qa/check")).toContain("429");
    expect(statuses("post", "/api/v1/documents")).toContain("409");
    expect(errorStatuses(OPERATIONS.find((o) => o.path === "/api/v1/me")!)).toEqual([]);
  });

  it("gives every success response a schema (JSON, or the media type of a file, stream or redirect)", () => {
    for (const { key, op } of operations) {
      const [status, response] = Object.entries(op.responses as Record<string, Json>).find(([s]) => /^[23]\d\d$/.test(s))!;
      if (status === "204" || status === "303") {
        expect(response.content, key).toBeUndefined();
        continue;
      }
      const content = Object.entries((response.content ?? {}) as Record<string, Json>);
      expect(content.length, key).toBeGreaterThan(0);
      for (const [type, media] of content) {
        expect(media.schema, `${key} ${type}`).toBeDefined();
        if (type === "application/json") expect(media.schema.type ?? media.schema.anyOf ?? media.schema.oneOf, `${key}`).toBeDefined();
      }
    }
  });

  it("types every parameter, with the enums of languages, versions, formats and flags", () => {
    for (const { key, op } of operations) {
      for (const p of op.parameters ?? []) {
        expect(p.schema?.type ?? p.schema?.anyOf, `${key} ${p.name}`).toBeDefined();
        const list = /comma-separated/i.test(p.description ?? "");
        if (["lang", "sourceLang", "targetLang", "dryRun", "sentences", "outcome", "in", ...(p.in === "query" ? ["version"] : [])].includes(p.name) && !list) {
          expect(p.schema.enum, `${key} ${p.name}`).toBeDefined();
        }
      }
    }
    const xliff = doc.paths["/api/v1/documents/{slug}/xliff"].get.parameters as Json[];
    expect(xliff.find((p) => p.name === "version")!.schema).toMatchObject({ enum: ["2.1", "1.2"], default: "2.1" });
    expect(xliff.find((p) => p.name === "lang")).toMatchObject({ required: true, schema: { enum: [...TARGET_LANGUAGE_CODES] } });
    const restore = doc.paths["/api/v1/translations/{segmentId}/{lang}/revisions/{version}/restore"].post.parameters as Json[];
    expect(restore.find((p) => p.name === "version")!.schema).toMatchObject({ type: "integer" });
    const exportFormat = (doc.paths["/api/v1/glossary/export"].get.parameters as Json[]).find((p) => p.name === "format")!;
    expect(exportFormat.schema.enum).toEqual(["tbx", "tbx2008", "csv"]);
    const importFormat = (doc.paths["/api/v1/glossary/import"].post.parameters as Json[]).find((p) => p.name === "format")!;
    expect(importFormat).toMatchObject({ required: true, schema: { enum: ["tbx", "csv", "tbx2008"] } });
  });

  it("documents how list operations page", () => {
    for (const spec of OPERATIONS.filter((o) => o.paginated)) {
      const names = (doc.paths[spec.path][spec.method].parameters as Json[]).map((p) => p.name);
      expect(names, spec.path).toContain("limit");
      expect(names.some((n) => n === "cursor" || n === "before"), spec.path).toBe(true);
    }
  });

  // openapi-spec-validator (Python) checks the document against the OpenAPI 3.1 schema when it is installed.
  const validator = spawnSync("python3", ["-c", "import openapi_spec_validator"], { encoding: "utf8" }).status === 0;
  it.skipIf(!validator)("is valid against the OpenAPI 3.1 schema (openapi-spec-validator)", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wb-openapi-")), "openapi.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync("python3", ["-m", "openapi_spec_validator", "--schema", "3.1", file], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toContain("OK");
    expect(r.status).toBe(0);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
