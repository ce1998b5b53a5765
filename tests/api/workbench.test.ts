import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, listRouteFiles, loadRoute, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { LocalEventBus, setEventBus } from "@/features/workbench/server/events";
import { OPERATIONS, buildOpenApi } from "@/lib/api/openapi";

const PASSWORD = "workbench-password";
const SLUG = "idlib-2020-02-28";
const S07 = seedSegmentId(SLUG, "s07");

type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;

/** Reads server-sent events from a streaming response until `count` events arrived. */
async function readEvents(response: Response, count: number): Promise<{ event: string; data: Json }[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: { event: string; data: Json }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = block.match(/^event: (.*)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

/** Reads a server-sent event stream until the server ends it; returns the event names. */
async function readUntilEnd(response: Response, onFirst?: () => Promise<void>): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let first = true;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (first && onFirst) {
      first = false;
      await onFirst();
    }
  }
  return [...text.matchAll(/^event: (.*)$/gm)].map((m) => m[1]!);
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`workbench API on ${dialect.name}`, () => {
    let t: TestDatabase;
    let translator: string;
    let other: string;
    let reviewer: string;

    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent());
      const auth = useAuth(t.db, new TestClock());
      setEventBus(new LocalEventBus());
      await createUserAccount(auth, t.db, { name: "Ayşe Demir", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null);
      await createUserAccount(auth, t.db, { name: "Emre Kaya", email: "emre@example.org", username: "emre", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null);
      await createUserAccount(auth, t.db, { name: "Mehmet Yılmaz", email: "mehmet@example.org", username: "mehmet", password: PASSWORD, grants: [{ role: "reviewer", lang: "tr" }] }, null);
      translator = (await signIn("ayse", PASSWORD)).cookie!;
      other = (await signIn("emre", PASSWORD)).cookie!;
      reviewer = (await signIn("mehmet", PASSWORD)).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("GET /api/v1/documents lists documents with progress per language", async () => {
      const { documents } = await json(await call("GET", "/api/v1/documents", { cookie: translator }));
      expect(documents[0]).toMatchObject({ slug: SLUG, progress: { tr: { total: 35, approved: 35, untranslated: 0 }, ar: { total: 35, approved: 35 } } });
      expect((await call("GET", "/api/v1/documents")).status).toBe(401);
    });

    it("GET /api/v1/documents/:slug/translations/:lang gives every segment with its translation", async () => {
      const doc = await json(await call("GET", `/api/v1/documents/${SLUG}/translations/tr`, { cookie: translator }));
      expect(doc.segments).toHaveLength(35);
      expect(doc.segments[0]).toMatchObject({ key: "s01", kind: "title", translation: { status: "approved", version: 1, outdated: false } });
      expect((await call("GET", `/api/v1/documents/${SLUG}/translations/xx`, { cookie: translator })).status).toBe(404);
      expect((await call("GET", `/api/v1/documents/nope/translations/tr`, { cookie: translator })).status).toBe(404);
    });

    it("PUT /api/v1/translations/:segment/:lang saves on the base version and answers a stale save with 409, the current text and its author", async () => {
      const first = await call("PUT", `/api/v1/translations/${S07}/tr`, { cookie: translator, json: { text: "Ayşe'nin metni.", status: "draft", baseVersion: 1 } });
      expect(first.status).toBe(200);
      expect((await json(first)).translation).toMatchObject({ version: 2, status: "draft", updatedByName: "Ayşe Demir" });
      const stale = await call("PUT", `/api/v1/translations/${S07}/tr`, { cookie: other, json: { text: "Emre'nin metni.", status: "draft", baseVersion: 1 } });
      expect(stale.status).toBe(409);
      expect((await json(stale)).error).toMatchObject({ code: "version_conflict", details: { current: { text: "Ayşe'nin metni.", version: 2, updatedByName: "Ayşe Demir" } } });
      const confirmEmpty = await call("PUT", `/api/v1/translations/${S07}/tr`, { cookie: translator, json: { text: "  ", status: "translated", baseVersion: 2 } });
      expect(confirmEmpty.status).toBe(400);
    });

    it("POST …/review approves, or rejects back to draft with a comment; QA errors block approval unless the reviewer gives a reason", async () => {
      expect((await call("POST", `/api/v1/translations/${S07}/tr/review`, { cookie: reviewer, json: { decision: "reject", baseVersion: 2 } })).status).toBe(400);
      const rejected = await call("POST", `/api/v1/translations/${S07}/tr/review`, { cookie: reviewer, json: { decision: "reject", baseVersion: 2, comment: "Terim yanlış." } });
      expect((await json(rejected)).translation).toMatchObject({ status: "draft", version: 3 });
      // "Ayşe'nin metni." drops the source's date (February 27): a numbers error.
      const blocked = await call("POST", `/api/v1/translations/${S07}/tr/review`, { cookie: reviewer, json: { decision: "approve", baseVersion: 3 } });
      expect(blocked.status).toBe(422);
      const error = (await json(blocked)).error;
      expect(error.code).toBe("qa_blocked");
      expect(error.details.issues.map((i: Json) => i.check)).toContain("numbers");
      const reason = "Alıntının tarihi bir sonraki paragrafta veriliyor.";
      const approved = await call("POST", `/api/v1/translations/${S07}/tr/review`, { cookie: reviewer, json: { decision: "approve", baseVersion: 3, qaOverride: { reason } } });
      expect((await json(approved)).translation).toMatchObject({ status: "approved", version: 4, text: "Ayşe'nin metni." });
      const override = await t.db.selectFrom("qa_overrides").selectAll().where("segment_id", "=", S07).executeTakeFirstOrThrow();
      expect(override).toMatchObject({ lang: "tr", version: 4, reason });
      expect(JSON.parse(override.checks).map((i: Json) => i.check)).toContain("numbers");
    });

    it("confirming runs the quality checks: errors refuse the text, only reviewers override them, clean text is confirmed", async () => {
      const S05 = seedSegmentId(SLUG, "s05");
      const base = (await json(await call("GET", `/api/v1/documents/${SLUG}/translations/tr`, { cookie: translator }))).segments.find((s: Json) => s.id === S05).translation.version;
      const wrong = "Perşembe günü İdlib'de en az 34 Türk askeri hayatını kaybetti.";
      const refused = await call("PUT", `/api/v1/translations/${S05}/tr`, { cookie: translator, json: { text: wrong, status: "translated", baseVersion: base } });
      expect(refused.status).toBe(422);
      expect((await json(refused)).error.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ check: "numbers", severity: "error" })]));
      const notAllowed = await call("PUT", `/api/v1/translations/${S05}/tr`, { cookie: translator, json: { text: wrong, status: "translated", baseVersion: base, qaOverride: { reason: "Eminim." } } });
      expect(notAllowed.status).toBe(403);
      // A draft is never blocked: work in progress is saved as typed.
      const draft = await call("PUT", `/api/v1/translations/${S05}/tr`, { cookie: translator, json: { text: wrong, status: "draft", baseVersion: base } });
      expect(draft.status).toBe(200);
      const fixed = wrong.replace("34", "33");
      const confirmed = await call("PUT", `/api/v1/translations/${S05}/tr`, { cookie: translator, json: { text: fixed, status: "translated", baseVersion: base + 1 } });
      expect(confirmed.status).toBe(200);
      expect((await json(confirmed)).translation).toMatchObject({ status: "translated", text: fixed });
    });

    it("GET …/revisions lists every revision; restoring one makes a new revision", async () => {
      const { revisions } = await json(await call("GET", `/api/v1/translations/${S07}/tr/revisions`, { cookie: translator }));
      expect(revisions.map((r: Json) => [r.version, r.status, r.origin])).toEqual([
        [1, "approved", "seed"],
        [2, "draft", "editor"],
        [3, "draft", "review.reject"],
        [4, "approved", "review.approve"],
      ]);
      expect(revisions[2]).toMatchObject({ note: "Terim yanlış.", authorName: "Mehmet Yılmaz" });
      const restored = await call("POST", `/api/v1/translations/${S07}/tr/revisions/1/restore`, { cookie: translator, json: { baseVersion: 4 } });
      expect(restored.status).toBe(200);
      // A translator may not approve, so restored approved text comes back as translated.
      expect((await json(restored)).translation).toMatchObject({ version: 5, status: "translated", text: revisions[0].text });
      expect((await call("POST", `/api/v1/translations/${S07}/tr/revisions/1/restore`, { cookie: translator, json: { baseVersion: 4 } })).status).toBe(409);
      expect((await call("POST", `/api/v1/translations/${S07}/tr/revisions/99/restore`, { cookie: translator, json: { baseVersion: 5 } })).status).toBe(404);
    });

    it("comments: threads, replies, @mentions of real users, resolve and reopen", async () => {
      const started = await call("POST", `/api/v1/translations/${S07}/tr/comments`, { cookie: translator, json: { body: "@mehmet bakar mısınız? @nobody" } });
      expect(started.status).toBe(201);
      const root = (await json(started)).comment;
      expect(root).toMatchObject({ threadId: root.id, mentions: ["mehmet"], authorName: "Ayşe Demir", resolvedAt: null });
      const reply = await json(await call("POST", `/api/v1/translations/${S07}/tr/comments`, { cookie: reviewer, json: { body: "Tamam.", threadId: root.id } }));
      expect(reply.comment.threadId).toBe(root.id);
      expect((await call("POST", `/api/v1/translations/${S07}/tr/comments`, { cookie: reviewer, json: { body: "x", threadId: reply.comment.id } })).status).toBe(404);
      expect((await call("POST", `/api/v1/translations/${S07}/tr/comments`, { cookie: reviewer, json: { body: "   " } })).status).toBe(400);

      let doc = await json(await call("GET", `/api/v1/documents/${SLUG}/translations/tr`, { cookie: translator }));
      expect(doc.segments.find((s: Json) => s.id === S07).openThreads).toBe(1);
      const resolved = await json(await call("PATCH", `/api/v1/translations/${S07}/tr/comments/${root.id}`, { cookie: reviewer, json: { resolved: true } }));
      expect(resolved.comment.resolvedAt).toBeTruthy();
      doc = await json(await call("GET", `/api/v1/documents/${SLUG}/translations/tr`, { cookie: translator }));
      expect(doc.segments.find((s: Json) => s.id === S07).openThreads).toBe(0);
      await call("PATCH", `/api/v1/translations/${S07}/tr/comments/${root.id}`, { cookie: translator, json: { resolved: false } });
      const { comments } = await json(await call("GET", `/api/v1/translations/${S07}/tr/comments`, { cookie: translator }));
      expect(comments).toHaveLength(2);
      expect(comments[0].resolvedAt).toBeNull();
    });

    describe("GET …/events ends with the session that opened it", () => {
      let admin: string;
      let userId: string;
      beforeAll(async () => {
        const auth = useAuth(t.db, new TestClock());
        await createUserAccount(auth, t.db, { name: "Admin", email: "sse-admin@example.org", username: "sse-admin", password: PASSWORD, admin: true }, null);
        userId = (await createUserAccount(auth, t.db, { name: "Zeynep", email: "zeynep@example.org", username: "zeynep", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null)).id;
        admin = (await signIn("sse-admin", PASSWORD)).cookie!;
      });
      const open = async (cookie: string) => {
        const stream = await call("GET", `/api/v1/documents/${SLUG}/events?lang=tr`, { cookie });
        expect(stream.status).toBe(200);
        return stream;
      };

      it("when the account is disabled", async () => {
        const cookie = (await signIn("zeynep", PASSWORD)).cookie!;
        const events = await readUntilEnd(await open(cookie), async () => {
          expect((await call("PATCH", `/api/v1/admin/users/${userId}`, { cookie: admin, json: { disabled: true } })).status).toBe(200);
        });
        expect(events).toEqual(["hello"]);
        expect((await call("PATCH", `/api/v1/admin/users/${userId}`, { cookie: admin, json: { disabled: false } })).status).toBe(200);
      });

      it("when the user signs out (through the form or the auth API)", async () => {
        for (const signOut of [
          (cookie: string) => call("POST", "/api/v1/session/sign-out", { cookie, body: new URLSearchParams({ next: "/tr" }), headers: { "content-type": "application/x-www-form-urlencoded" } }),
          (cookie: string) => call("POST", "/api/auth/sign-out", { cookie, json: {} }),
        ]) {
          const cookie = (await signIn("zeynep", PASSWORD)).cookie!;
          const events = await readUntilEnd(await open(cookie), async () => {
            expect((await signOut(cookie)).status).toBeLessThan(400);
          });
          expect(events).toEqual(["hello"]);
        }
      });

      it("when an administrator resets the password, or the user changes it elsewhere", async () => {
        let cookie = (await signIn("zeynep", PASSWORD)).cookie!;
        expect(await readUntilEnd(await open(cookie), async () => {
          expect((await call("PUT", `/api/v1/admin/users/${userId}/password`, { cookie: admin, json: { password: "zeynep-password-2" } })).status).toBe(204);
        })).toEqual(["hello"]);
        cookie = (await signIn("zeynep", "zeynep-password-2")).cookie!;
        const elsewhere = (await signIn("zeynep", "zeynep-password-2")).cookie!;
        expect(await readUntilEnd(await open(cookie), async () => {
          expect((await call("POST", "/api/auth/change-password", { cookie: elsewhere, json: { currentPassword: "zeynep-password-2", newPassword: PASSWORD } })).status).toBe(200);
        })).toEqual(["hello"]);
      });

      it("but not when another session of the same user ends", async () => {
        const cookie = (await signIn("zeynep", PASSWORD)).cookie!;
        const other = (await signIn("zeynep", PASSWORD)).cookie!;
        const stream = await open(cookie);
        const reading = readEvents(stream, 2);
        await call("POST", "/api/auth/sign-out", { cookie: other, json: {} });
        // Still open: the next change arrives.
        await call("POST", `/api/v1/documents/${SLUG}/presence`, { cookie, json: { lang: "tr", segmentId: S07, editing: false } });
        expect((await reading).map((e) => e.event)).toEqual(["hello", "presence"]);
      });
    });

    it("GET …/events streams presence and every change to everyone with the document open", async () => {
      await call("POST", `/api/v1/documents/${SLUG}/presence`, { cookie: other, json: { lang: "tr", segmentId: S07, editing: false } });
      const stream = await call("GET", `/api/v1/documents/${SLUG}/events?lang=tr`, { cookie: translator });
      expect(stream.headers.get("content-type")).toContain("text/event-stream");
      const reading = readEvents(stream, 4);
      const current = (await json(await call("GET", `/api/v1/documents/${SLUG}/translations/tr`, { cookie: other }))).segments.find((s: Json) => s.id === S07).translation.version;
      await call("PUT", `/api/v1/translations/${S07}/tr`, { cookie: other, json: { text: "Canlı güncelleme.", status: "draft", baseVersion: current } });
      await call("POST", `/api/v1/documents/${SLUG}/presence`, { cookie: other, json: { lang: "tr", segmentId: S07, editing: true } });
      await call("POST", `/api/v1/translations/${S07}/tr/comments`, { cookie: other, json: { body: "Bir not." } });
      const events = await reading;
      expect(events[0]).toMatchObject({ event: "hello", data: { presence: [expect.objectContaining({ name: "Emre Kaya", segmentId: S07 })] } });
      expect(events[1]).toMatchObject({ event: "translation", data: { segmentId: S07, translation: { text: "Canlı güncelleme.", updatedByName: "Emre Kaya" } } });
      expect(events[2]).toMatchObject({ event: "presence", data: { name: "Emre Kaya", editing: true } });
      expect(events[3]).toMatchObject({ event: "comments", data: { segmentId: S07, openThreads: 2 } });
    });
  });
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document that lists every route and method of /api/v1, with its permission", async () => {
    const doc = buildOpenApi() as { openapi: string; paths: Record<string, Record<string, { "x-permission": string }>> };
    expect(doc.openapi).toBe("3.1.0");
    const expected: string[] = [];
    for (const r of listRouteFiles().filter((r) => r.pattern.startsWith("/api/v1"))) {
      const mod = await loadRoute(r.file);
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (!mod[m]) continue;
        const path = r.pattern.replace(/\[([^\]]+)\]/g, "{$1}");
        expected.push(`${m.toLowerCase()} ${path}`);
        expect(doc.paths[path]?.[m.toLowerCase()]?.["x-permission"], `${m} ${path}`).toBe((mod[m] as { access: string }).access);
      }
    }
    expect(OPERATIONS.map((o) => `${o.method} ${o.path}`).sort()).toEqual(expected.sort());
  });

  it("describes request bodies with the schemas the handlers validate with", () => {
    const doc = buildOpenApi() as Json;
    const put = doc.paths["/api/v1/translations/{segmentId}/{lang}"].put;
    expect(put.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["text", "status", "baseVersion"]),
      properties: { status: { enum: ["draft", "translated"] }, text: { maxLength: 20000 } },
    });
  });
});
