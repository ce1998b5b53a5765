import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { LANGUAGES, formatDate, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { TERM_STATUSES } from "@/lib/db/schema";
import { can, languagesWith } from "@/features/auth/permissions";
import { getPrincipal } from "@/features/auth/server/principal";
import { findConcept, listConceptTerms, listGlossaryEvents, listSubjects } from "@/features/glossary/server/repository";
import { SUBJECTS } from "@/features/glossary/files";
import { EditConceptForm, ProposeTermForm, ReviewTermButtons } from "@/features/glossary/components/GlossaryActions";
import { NEWSROOM_TIME_ZONE } from "@/features/reader/reader";

type Props = PageProps<"/[lang]/glossary/[id]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, id } = await params;
  return isLanguageCode(lang) ? { title: `${getT(lang, "glossary")("title")}: ${id}` } : {};
}

/** One concept: definition, terms in every language with their status, history; propose and review where allowed. */
export default async function ConceptPage({ params }: Props) {
  const { lang, id } = await params;
  if (!isLanguageCode(lang)) notFound();
  const db = await getDb();
  const concept = await findConcept(db, id);
  if (!concept) notFound();
  const principal = await getPrincipal(await headers());
  const signedIn = principal.kind === "user";
  const terms = await listConceptTerms(db, id, signedIn ? TERM_STATUSES : ["approved"]);
  // Readers see reviewed concepts only: one without an approved term is still a proposal.
  if (!signedIn && terms.length === 0) notFound();
  const events = signedIn ? await listGlossaryEvents(db, id) : [];
  const names = new Map(
    (await db.selectFrom("user").select(["id", "name"]).execute()).map((u) => [u.id, u.name] as const),
  );
  const t = getT(lang, "glossary");
  const proposeLangs = LANGUAGES.filter((l) => can(principal, "glossary.propose", l.code));
  const canManage = can(principal, "glossary.manage");
  const subjects = canManage ? await listSubjects(db, SUBJECTS) : [];
  const approveLangs = new Set(languagesWith(principal, "glossary.approve", LANGUAGES.map((l) => l.code)));
  return (
    <main id="content" {...textAttrs(lang)}>
      <p className="breadcrumb">
        <a href={`/${lang}/glossary`}>{t("title")}</a>
      </p>
      <h1 lang="en" dir="ltr">
        {terms.find((x) => x.lang === "en" && x.usage === "preferred" && x.status === "approved")?.text ?? concept.id}
      </h1>
      <p>
        <strong>{t("subject")}:</strong> {t(`subjects.${concept.subject}`, { defaultValue: concept.subject })}
      </p>
      <p>
        <strong>{t("definition")}:</strong> <span lang="en" dir="ltr">{concept.definition}</span>
      </p>
      {concept.note && (
        <p>
          <strong>{t("note")}:</strong> <span lang="en" dir="ltr">{concept.note}</span>
        </p>
      )}
      <I18nProvider lang={lang} resources={clientResources(lang, ["glossary", "errors", "auth"])}>
        {canManage && <EditConceptForm concept={{ id: concept.id, subject: concept.subject, definition: concept.definition, note: concept.note, updatedAt: concept.updated_at }} subjects={subjects} />}
        <h2>{t("terms")}</h2>
        <table className="data-table" data-testid="concept-terms">
          <tbody>
            {LANGUAGES.map((l) =>
              terms
                .filter((x) => x.lang === l.code)
                .map((x) => (
                  <tr key={x.id} data-testid={`term-${x.lang}-${x.status}`}>
                    <th scope="row" {...textAttrs(l.code)}>
                      {l.nativeName}
                    </th>
                    <td {...textAttrs(l.code)} className={x.usage === "forbidden" ? "wb-forbidden" : undefined}>
                      <span>{x.text}</span>
                    </td>
                    <td>
                      {t(`usages.${x.usage}`)} · {t(`types.${x.type}`)}
                      {x.case_sensitive ? ` · ${t("caseSensitive")}` : ""}
                      {x.do_not_translate ? ` · ${t("doNotTranslate")}` : ""}
                    </td>
                    <td>
                      <span className={`term-chip status-${x.status}`}>{t(`statuses.${x.status}`)}</span>
                      {x.review_comment && <span className="muted"> — {x.review_comment}</span>}
                    </td>
                    <td>{approveLangs.has(x.lang) && <ReviewTermButtons termId={x.id} lang={x.lang} status={x.status} />}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
        {proposeLangs.length > 0 && (
          <>
            <h2>{t("propose.title")}</h2>
            <ProposeTermForm conceptId={id} languages={proposeLangs.map((l) => ({ code: l.code, nativeName: l.nativeName, bcp47: l.bcp47, dir: l.dir }))} />
          </>
        )}
      </I18nProvider>
      {signedIn && (
        <>
          <h2>{t("history")}</h2>
          {events.length === 0 ? (
            <p>{t("noHistory")}</p>
          ) : (
            <ol className="wb-history" data-testid="concept-history">
              {events.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.created_at}>{formatDate(lang, new Date(e.created_at), { dateStyle: "medium", timeStyle: "short", timeZone: NEWSROOM_TIME_ZONE })}</time> · {t(`events.${e.action.replace(/\./g, "_")}`, { defaultValue: e.action })} ·{" "}
                  <bdi>{(e.actor_id && names.get(e.actor_id)) ?? e.actor_id}</bdi>
                  {e.details && <code className="muted"> {e.details}</code>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </main>
  );
}
