import { describe, expect, it } from "vitest";
import { ANONYMOUS, PERMISSION_NAMES, can, type Grant, type Principal } from "@/features/auth/permissions";

const user = (grants: Grant[], isAdmin = false): Principal => ({ kind: "user", userId: "u", name: "U", username: "u", email: "u@x", isAdmin, grants });

// The rules, written out by hand: who may do what, in which language.
const EXPECTED: Record<string, Record<string, { tr: boolean; ar: boolean; global: boolean }>> = {
  anonymous: Object.fromEntries(PERMISSION_NAMES.map((p) => [p, { tr: false, ar: false, global: false }])),
  admin: Object.fromEntries(PERMISSION_NAMES.map((p) => [p, { tr: true, ar: true, global: true }])),
  noRoles: Object.fromEntries(PERMISSION_NAMES.map((p) => [p, { tr: false, ar: false, global: false }])),
  trTranslator: {
    "translation.edit": { tr: true, ar: false, global: false },
    "translation.approve": { tr: false, ar: false, global: false },
    "glossary.propose": { tr: true, ar: false, global: false },
    "glossary.approve": { tr: false, ar: false, global: false },
    "glossary.manage": { tr: false, ar: false, global: false },
    "edition.publish": { tr: false, ar: false, global: false },
    "edition.unpublish": { tr: false, ar: false, global: false },
    "document.import": { tr: false, ar: false, global: false },
    "user.manage": { tr: false, ar: false, global: false },
    "audit.read": { tr: false, ar: false, global: false },
  },
  trTranslatorArReviewer: {
    "translation.edit": { tr: true, ar: true, global: false },
    "translation.approve": { tr: false, ar: true, global: false },
    "glossary.propose": { tr: true, ar: true, global: false },
    "glossary.approve": { tr: false, ar: true, global: false },
    "glossary.manage": { tr: false, ar: false, global: false },
    "edition.publish": { tr: false, ar: true, global: false },
    "edition.unpublish": { tr: false, ar: false, global: false },
    "document.import": { tr: false, ar: false, global: false },
    "user.manage": { tr: false, ar: false, global: false },
    "audit.read": { tr: false, ar: false, global: false },
  },
};

const PRINCIPALS: Record<string, Principal> = {
  anonymous: ANONYMOUS,
  admin: user([], true),
  noRoles: user([]),
  trTranslator: user([{ role: "translator", lang: "tr" }]),
  trTranslatorArReviewer: user([
    { role: "translator", lang: "tr" },
    { role: "reviewer", lang: "ar" },
  ]),
};

describe("can(principal, permission, lang)", () => {
  it("covers every permission in the table", () => {
    for (const rules of Object.values(EXPECTED)) expect(Object.keys(rules).sort()).toEqual([...PERMISSION_NAMES].sort());
  });

  for (const [who, rules] of Object.entries(EXPECTED)) {
    for (const [permission, expected] of Object.entries(rules)) {
      it(`${who} × ${permission}`, () => {
        const p = PRINCIPALS[who]!;
        expect({
          tr: can(p, permission as never, "tr"),
          ar: can(p, permission as never, "ar"),
          global: can(p, permission as never),
        }).toEqual(expected);
      });
    }
  }
});
