import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { can } from "@/features/auth/permissions";
import { formatDate, getLanguage, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { listEditionStatuses } from "@/features/editions/server/service";
import { EditionActions } from "@/features/editions/components/EditionActions";
import { wordDiff } from "@/features/workbench/word-diff";
import { NEWSROOM_TIME_ZONE } from "@/features/reader/reader";

type Props = PageProps<"/[lang]/workbench/[slug]/publish">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  if (!isLanguageCode(lang)) return {};
  return { title: getT(lang, "workbench")("edition.heading"), robots: { index: false } };
}

/** A story's edition in every language: state, what blocks publication, the changes since the published snapshot, and the actions. */
export default async function PublicationPage({ params }: Props) {
  const { lang, slug } = await params;
  if (!isLanguageCode(lang)) notFound();
  const user = await requirePageUser(lang, `/${lang}/workbench/${slug}/publish`);
  let editions;
  try {
    editions = await listEditionStatuses(await getDb(), slug);
  } catch (e) {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  }
  const t = getT(lang, "workbench");
  const date = (iso: string) => formatDate(lang, new Date(iso), { dateStyle: "long", timeStyle: "short", timeZone: NEWSROOM_TIME_ZONE });
  return (
    <main id="content" className="wide" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={`/${lang}/workbench`}>{t("title")}</a>
      </p>
      <h1>
        {t("edition.heading")}: <span lang="en" dir="ltr">{slug}</span>
      </h1>
      <I18nProvider lang={lang} resources={clientResources(lang, ["workbench", "errors", "documents", "auth"])}>
        {editions.map((e) => {
          const code = e.lang as Parameters<typeof getLanguage>[0];
          return (
            <section key={e.lang} className="edition" data-testid={`edition-${e.lang}`} data-state={e.state}>
              <h2 {...textAttrs(code)}>{getLanguage(code).nativeName}</h2>
              <p>
                <strong data-testid={`edition-state-${e.lang}`}>{t(`edition.state.${e.state}`)}</strong>
                {e.publishedAt && <> · {t("edition.publishedOn", { date: date(e.publishedAt) })}</>}
                {e.updatedAt && <> · {t("edition.updatedOn", { date: date(e.updatedAt) })}</>}
              </p>
              {e.unpublishedAt && <p>{t("edition.unpublishedOn", { date: date(e.unpublishedAt), reason: e.unpublishReason ?? "" })}</p>}
              {e.blockers.length > 0 && (
                <details data-testid={`edition-blockers-${e.lang}`}>
                  <summary>{t("edition.blockers", { count: e.blockers.length })}</summary>
                  <ul>
                    {e.blockers.map((b) => (
                      <li key={b.key}>
                        <a href={`/${lang}/workbench/${slug}/${e.lang}?segment=${encodeURIComponent(b.key)}`}>{b.key}</a>: {t(`edition.blocker.${b.reason}`)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {e.state === "changed" && (
                <details open data-testid={`edition-changes-${e.lang}`}>
                  <summary>{t("edition.changes", { count: e.changes.length })}</summary>
                  <table className="data-table">
                    <tbody>
                      {e.changes.map((c) => (
                        <tr key={c.key} data-segment={c.key} data-change={c.change}>
                          <th scope="row">
                            {c.key} ({t(`edition.change.${c.change}`)})
                          </th>
                          <td className="wb-diff" {...textAttrs(code)}>
                            {wordDiff(c.published ?? "", c.live ?? "", e.lang).map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              )}
              <EditionActions slug={slug} lang={e.lang} published={e.state === "published" || e.state === "changed"} canPublish={can(user, "edition.publish", e.lang)} canUnpublish={can(user, "edition.unpublish")} complete={e.complete} />
            </section>
          );
        })}
      </I18nProvider>
    </main>
  );
}
