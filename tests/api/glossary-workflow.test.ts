import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";

type Json = Record<string, any>;
const PASSWORD = "workflow-password";

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`glossary workflow on ${dialect.name}`, () => {
    let t: TestDatabase;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedGlossary(t.db, loadGlossaryFiles());
      const people = [
        ["trt", [{ role: "translator", lang: "tr" }]],
        ["trr", [{ role: "reviewer", lang: "tr" }]],
        ["arr", [{ role: "reviewer", lang: "ar" }]],
      ] as const;
      for (const [u, grants] of people) {
        await createUserAccount(auth, t.db, { name: u, email: `${u}@example.org`, username: u, password: PASSWORD, grants: [...grants] }, null);
        cookies[u] = (await signIn(u, PASSWORD)).cookie!;
      }
      await createUserAccount(auth, t.db, { name: "admin", email: "admin@example.org", username: "admin", password: PASSWORD, admin: true }, null);
      cookies.admin = (await signIn("admin", PASSWORD)).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const recognize = async (lang: string, text: string, cookie?: string) =>
      ((await (await call("POST", "/api/v1/glossary/recognize", { cookie, json: { lang, text } })).json()) as { matches: Json[] }).matches.map((m) => [m.conceptId, m.text, m.status]);
    const propose = (cookie: string, lang: string, body: Json) => call("POST", `/api/v1/glossary/${lang}/terms`, { cookie, json: body });
    const review = (cookie: string, lang: string, id: string, body: Json) => call("POST", `/api/v1/glossary/${lang}/terms/${id}/review`, { cookie, json: body });

    it("a translator proposes a term; it is visible to the team, not enforced, not shown to readers", async () => {
      const r = await propose(cookies.trt!, "tr", { conceptId: "frigate", term: { text: "savaş gemisi", type: "variant", usage: "admitted" }, comment: "Haberlerde sık geçiyor." });
      expect(r.status).toBe(201);
      const [term] = ((await r.json()) as { terms: Json[] }).terms;
      expect(term).toMatchObject({ status: "proposed", lang: "tr", conceptId: "frigate" });
      expect(await recognize("tr", "İki savaş gemisi.")).toEqual([]);
      expect(await recognize("tr", "İki savaş gemisi.", cookies.trt)).toEqual([["frigate", "savaş gemisi", "proposed"]]);
      const pending = (await (await call("GET", "/api/v1/glossary/pending", { cookie: cookies.trr })).json()) as { pending: Record<string, number> };
      expect(pending.pending.tr).toBe(1);
    });

    it("a translator cannot approve; a reviewer of ar cannot approve a tr term; the tr reviewer can, and it is recognized at once", async () => {
      const { terms } = (await (await propose(cookies.trt!, "tr", { conceptId: "drone", term: { text: "SİHA", type: "abbreviation", pos: "noun", caseSensitive: true } })).json()) as { terms: Json[] };
      const id = terms[0]!.id;
      expect((await review(cookies.trt!, "tr", id, { decision: "approve" })).status).toBe(403);
      expect((await review(cookies.arr!, "tr", id, { decision: "approve" })).status).toBe(403);
      expect((await review(cookies.arr!, "ar", id, { decision: "approve" })).status).toBe(404);
      const ok = await review(cookies.trr!, "tr", id, { decision: "approve" });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { term: Json }).term).toMatchObject({ status: "approved", reviewedAt: expect.any(String) });
      expect(await recognize("tr", "Bölgede SİHA'lar uçtu.")).toEqual([["drone", "SİHA'lar", "approved"]]);
    });

    it("a rejected proposal needs a comment and is not recognized", async () => {
      const { terms } = (await (await propose(cookies.trt!, "tr", { conceptId: "cruise-missile", term: { text: "uçan bomba" } })).json()) as { terms: Json[] };
      expect((await review(cookies.trr!, "tr", terms[0]!.id, { decision: "reject" })).status).toBe(400);
      const rejected = await review(cookies.trr!, "tr", terms[0]!.id, { decision: "reject", comment: "Haber dili değil." });
      expect(((await rejected.json()) as { term: Json }).term).toMatchObject({ status: "rejected", reviewComment: "Haber dili değil." });
      expect(await recognize("tr", "bir uçan bomba", cookies.trt)).toEqual([]);
    });

    it("a translator proposes a new concept with its English term; duplicates are refused", async () => {
      const r = await propose(cookies.trt!, "tr", { concept: { id: "demilitarised-zone", subject: "phrase", definition: "The strip of territory the Sochi deal was to clear of heavy weapons.", english: { text: "demilitarised zone" } }, term: { text: "silahsızlandırılmış bölge" } });
      expect(r.status).toBe(201);
      expect(((await r.json()) as { terms: Json[] }).terms.map((x) => [x.lang, x.status])).toEqual([
        ["en", "proposed"],
        ["tr", "proposed"],
      ]);
      expect((await propose(cookies.trt!, "tr", { concept: { id: "demilitarised-zone", subject: "phrase", definition: "x", english: { text: "x" } }, term: { text: "y" } })).status).toBe(409);
      expect((await propose(cookies.trt!, "tr", { conceptId: "demilitarised-zone", term: { text: "silahsızlandırılmış bölge" } })).status).toBe(409);
      expect((await propose(cookies.trt!, "tr", { conceptId: "no-such-concept", term: { text: "x" } })).status).toBe(404);
      // English terms are approved by admins (nobody holds an English grant).
      const en = (await t.db.selectFrom("terms").select("id").where("concept_id", "=", "demilitarised-zone").where("lang", "=", "en").executeTakeFirstOrThrow()).id;
      expect((await review(cookies.trr!, "en", en, { decision: "approve" })).status).toBe(403);
      expect((await review(cookies.admin!, "en", en, { decision: "approve" })).status).toBe(200);
      expect(await recognize("en", "the demilitarised zones")).toEqual([["demilitarised-zone", "demilitarised zones", "approved"]]);
    });

    it("an approved term can be deprecated, and every step is in the concept's audit trail", async () => {
      const term = await t.db.selectFrom("terms").select("id").where("concept_id", "=", "drone").where("text", "=", "SİHA").executeTakeFirstOrThrow();
      expect((await review(cookies.trr!, "tr", term.id, { decision: "deprecate" })).status).toBe(200);
      expect((await review(cookies.trr!, "tr", term.id, { decision: "reject", comment: "x" })).status).toBe(400);
      expect(await recognize("tr", "SİHA")).toEqual([]);
      const events = await t.db.selectFrom("glossary_events").select(["action", "actor_id"]).where("term_id", "=", term.id).orderBy("created_at").execute();
      expect(events.map((e) => e.action)).toEqual(["term.propose", "term.approve", "term.deprecate"]);
      expect(events.every((e) => e.actor_id)).toBe(true);
    });

    it("admins edit a concept's definition and subject; the edit is in its history; others and stale edits are refused", async () => {
      const edit = (cookie: string | undefined, body: Json) => call("PATCH", "/api/v1/glossary/concepts/kalibr", { cookie, json: body });
      const before = (await t.db.selectFrom("concepts").selectAll().where("id", "=", "kalibr").executeTakeFirstOrThrow());
      const definition = "Russian sea-launched cruise missile (3M-14), fired from warships and submarines.";
      expect((await edit(cookies.trr, { definition, baseUpdatedAt: before.updated_at })).status).toBe(403);
      expect((await edit(undefined, { definition, baseUpdatedAt: before.updated_at })).status).toBe(401);
      const empty = await edit(cookies.admin, { definition: " ", baseUpdatedAt: before.updated_at });
      expect(empty.status).toBe(400);
      expect(((await empty.json()) as Json).error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "definition" })]));
      const ok = await edit(cookies.admin, { definition, subject: "weapon", note: "Spelled Kalibr, never Calibr.", baseUpdatedAt: before.updated_at });
      expect(ok.status).toBe(200);
      const { concept } = (await ok.json()) as { concept: Json };
      expect(concept).toMatchObject({ id: "kalibr", definition, note: "Spelled Kalibr, never Calibr." });
      expect(concept.updatedAt > before.updated_at).toBe(true);
      // An editor holding the old copy does not overwrite the new definition.
      const stale = await edit(cookies.admin, { definition: "stale", baseUpdatedAt: before.updated_at });
      expect(stale.status).toBe(409);
      expect((await t.db.selectFrom("concepts").select("definition").where("id", "=", "kalibr").executeTakeFirstOrThrow()).definition).toBe(definition);
      const event = await t.db.selectFrom("glossary_events").selectAll().where("concept_id", "=", "kalibr").where("action", "=", "concept.edit").executeTakeFirstOrThrow();
      expect(JSON.parse(event.details!)).toMatchObject({ definition: { from: before.definition, to: definition }, note: { to: "Spelled Kalibr, never Calibr." } });
      expect(event.actor_id).toBeTruthy();
    });
  });
}
