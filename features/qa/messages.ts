/** Issues as sentences in the UI language (i18next namespace "qa"). */
import type { QaIssue } from "./types";

/** Any i18next `t` (fixed to the namespace "qa", or not). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The message of an issue, rendered with a `t` of namespace "qa" (getT(lang, "qa") or useTranslation("qa")). */
export function issueMessage(t: Translate, issue: Pick<QaIssue, "messageKey" | "params">): string {
  // The summary of a capped check (registry.ts, capFindings) names the check in the UI language.
  const kind = issue.messageKey === "more" ? { kind: t(`checks.${issue.params.check}`, { ns: "qa" }) } : {};
  return t(issue.messageKey, { ...issue.params, ...kind, ns: "qa" });
}
