/**
 * Issue 11: a check lists at most MAX_FINDINGS_PER_CHECK findings per
 * segment and sums up the rest in one finding, so a 100,000-letter word of
 * mixed scripts gives a short answer instead of one finding per letter.
 */
import { describe, expect, it } from "vitest";
import { MAX_FINDINGS_PER_CHECK, runChecks } from "@/features/qa/registry";
import { issueMessage } from "@/features/qa/messages";
import { getT } from "@/lib/i18n/server";
import { LANGUAGE_CODES, formatNumber, type LanguageCode } from "@/lib/i18n/languages";

const mixed = "жa".repeat(50_000);

describe("findings capped per check", () => {
  it("lists the first findings of a check and one summary with the count of the others", () => {
    const issues = runChecks({ sourceLang: "en", targetLang: "ru", source: "a", target: mixed }).filter((i) => i.check === "script_mismatch");
    expect(issues).toHaveLength(MAX_FINDINGS_PER_CHECK + 1);
    expect(issues.slice(0, MAX_FINDINGS_PER_CHECK).every((i) => i.messageKey === "script.latinInCyrillic" && i.end === i.start + 1)).toBe(true);
    expect(issues.at(-1)).toEqual({ check: "script_mismatch", severity: "error", messageKey: "more", params: { count: 50_000 - MAX_FINDINGS_PER_CHECK, check: "script_mismatch" }, start: -1, end: -1 });
  });

  it("keeps every finding up to the cap", () => {
    const issues = runChecks({ sourceLang: "en", targetLang: "ru", source: "a", target: "жa".repeat(MAX_FINDINGS_PER_CHECK) }).filter((i) => i.check === "script_mismatch");
    expect(issues).toHaveLength(MAX_FINDINGS_PER_CHECK);
    expect(issues.some((i) => i.messageKey === "more")).toBe(false);
  });

  it("an error summed up still blocks (it keeps the check's severity)", () => {
    const summary = runChecks({ sourceLang: "en", targetLang: "ru", source: "a", target: mixed }).find((i) => i.messageKey === "more")!;
    expect(summary.severity).toBe("error");
  });

  it.each(LANGUAGE_CODES as readonly LanguageCode[])("the summary reads in %s with the check's name and the count in that language's digits", (lang) => {
    const summary = runChecks({ sourceLang: "en", targetLang: "ru", source: "a", target: mixed }).find((i) => i.messageKey === "more")!;
    const t = getT(lang, "qa");
    const message = issueMessage(t, summary);
    expect(message).toContain(t("checks.script_mismatch"));
    expect(message).toContain(formatNumber(lang, 49_980));
    expect(message).not.toContain("{{");
    expect(message).not.toBe("more");
  });
});
