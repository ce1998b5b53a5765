import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/features/auth/server/page-guards";
import { formatDate, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { LanguageOptions } from "@/lib/i18n/LanguageOptions";
import { getDb } from "@/lib/db";
import { AUDIT_ORDER, listAuditActions, listAuditPage } from "@/features/auth/server/repository";
import { NEWSROOM_TIME_ZONE } from "@/features/reader/reader";
import { AUDIT_OUTCOMES, auditQuerySchema } from "@/features/admin/schemas";
import { firstValues, pageRequestOrThrow } from "@/lib/api/page";
import { Pager, pageHref } from "@/lib/ui/Pager";

type Props = PageProps<"/[lang]/admin/audit">;
const OUTCOMES = AUDIT_OUTCOMES;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLanguageCode(lang) ? { title: getT(lang, "admin")("audit.title"), robots: { index: false } } : {};
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
/** A yyyy-mm-dd from the date input, as the start (or end) of that day in UTC. */
const day = (v: string | undefined, end: boolean) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : undefined);

export default async function AuditPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLanguageCode(lang)) notFound();
  await requirePagePermission("audit.read");
  const sp = firstValues(await searchParams);
  const filter = {
    action: one(sp.action),
    outcome: OUTCOMES.find((o) => o === one(sp.outcome)),
    user: one(sp.user),
    lang: one(sp.lang),
    from: one(sp.from),
    to: one(sp.to),
  };
  // The same schema as the API; the date inputs give days, read as whole days in UTC.
  const parsed = auditQuerySchema.safeParse({ ...filter, from: day(filter.from, false), to: day(filter.to, true), limit: sp.limit, after: sp.after, before: sp.before });
  if (!parsed.success) notFound();
  const { limit, after, before, ...sqlFilter } = parsed.data;
  let request;
  try {
    request = pageRequestOrThrow({ limit, after, before }, AUDIT_ORDER.length);
  } catch {
    notFound();
  }
  const db = await getDb();
  const page = await listAuditPage(db, sqlFilter, request);
  const actions = await listAuditActions(db);
  const entries = page.items;
  const kept = { ...filter, limit: sp.limit };
  const common = getT(lang, "common");
  const t = getT(lang, "admin");
  const actionLabel = (a: string) => t(`audit.actions.${a.replace(/\./g, "_")}`, { defaultValue: a });
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <h1>{t("audit.title")}</h1>
      <form method="get" className="filter-form" data-testid="audit-filters">
        <fieldset>
          <legend>{t("audit.filters")}</legend>
          <label>
            {t("audit.action")}
            <select name="action" defaultValue={filter.action ?? ""}>
              <option value="">{t("audit.any")}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("audit.outcome")}
            <select name="outcome" defaultValue={filter.outcome ?? ""}>
              <option value="">{t("audit.any")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`audit.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("audit.user")}
            <input name="user" defaultValue={filter.user ?? ""} dir="auto" />
          </label>
          <label>
            {t("audit.language")}
            <select name="lang" defaultValue={filter.lang ?? ""}>
              <option value="">{t("audit.any")}</option>
              <LanguageOptions />
            </select>
          </label>
          <label>
            {t("audit.from")}
            <input type="date" name="from" defaultValue={filter.from ?? ""} />
          </label>
          <label>
            {t("audit.to")}
            <input type="date" name="to" defaultValue={filter.to ?? ""} />
          </label>
        </fieldset>
        <button type="submit">{t("audit.apply")}</button> <a href={`/${lang}/admin/audit`}>{t("audit.clear")}</a>
      </form>
      <p>{t("audit.shown", { count: entries.length })}</p>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.time")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.outcome")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.target")}</th>
              <th scope="col">{t("audit.language")}</th>
              <th scope="col">{t("audit.ip")}</th>
              <th scope="col">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action} data-outcome={e.outcome}>
                <td>
                  <time dateTime={e.created_at}>{formatDate(lang, new Date(e.created_at), { dateStyle: "medium", timeStyle: "medium", timeZone: NEWSROOM_TIME_ZONE })}</time>
                </td>
                <td>{actionLabel(e.action)}</td>
                <td>{t(`audit.outcomes.${e.outcome}`)}</td>
                <td dir="ltr" lang="en">
                  {e.actor_label ?? "—"}
                </td>
                <td dir="ltr" lang="en">
                  {e.target_label ?? "—"}
                </td>
                <td>{e.lang ?? ""}</td>
                <td dir="ltr" lang="en">
                  {e.ip ?? ""}
                </td>
                <td dir="ltr" lang="en">
                  <code>{e.details ?? ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        label={common("pager.label")}
        previousLabel={common("pager.previous")}
        nextLabel={common("pager.next")}
        previousHref={pageHref(`/${lang}/admin/audit`, kept, { before: page.prev })}
        nextHref={pageHref(`/${lang}/admin/audit`, kept, { after: page.next })}
        testId="audit-pager"
      />
    </main>
  );
}
