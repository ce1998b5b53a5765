import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/features/auth/server/page-guards";
import { SOURCE_LANGUAGE, getLanguage, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { clientResources, getT } from "@/lib/i18n/server";
import { I18nProvider } from "@/lib/i18n/client";
import { getDb } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { can } from "@/features/auth/permissions";
import { getWorkbenchDocument } from "@/features/workbench/server/service";
import { Workbench } from "@/features/workbench/components/WorkbenchEditor";
import { providersFor } from "@/features/mt/config";
import { getMtConfig } from "@/features/mt/server/service";

type Props = PageProps<"/[lang]/workbench/[slug]/[target]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, target } = await params;
  if (!isLanguageCode(lang) || !isLanguageCode(target)) return {};
  return { title: `${getT(lang, "workbench")("title")}: ${getLanguage(target).nativeName}`, robots: { index: false } };
}

const info = (code: Parameters<typeof getLanguage>[0]) => {
  const l = getLanguage(code);
  return { code: l.code, bcp47: l.bcp47, dir: l.dir, nativeName: l.nativeName };
};

export default async function EditorPage({ params, searchParams }: Props) {
  const { lang, slug, target } = await params;
  const segmentParam = (await searchParams).segment;
  const initialSegment = typeof segmentParam === "string" ? segmentParam : undefined;
  if (!isLanguageCode(lang) || !isLanguageCode(target) || target === SOURCE_LANGUAGE) notFound();
  const principal = await requirePageUser(lang, `/${lang}/workbench/${slug}/${target}`);
  let initial;
  try {
    initial = await getWorkbenchDocument(await getDb(), slug, target);
  } catch (e) {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  }
  return (
    <main id="content" className="workbench-page" {...textAttrs(lang)}>
      <h1 className="wb-title">
        <span lang="en" dir="ltr">
          {initial.document.title}
        </span>{" "}
        → <span {...textAttrs(target)}>{getLanguage(target).nativeName}</span>
      </h1>
      <p className="wb-links">
        <a href={`/${lang}/workbench/${slug}/${target}/qa`} data-testid="qa-report-link">
          {getT(lang, "workbench")("qa.report")}
        </a>{" "}
        · <a href={`/${lang}/workbench/${slug}/${target}/align`} data-testid="align-link">
          {getT(lang, "align")("link")}
        </a>{" "}
        · {getT(lang, "workbench")("export.label")}:{" "}
        <a href={`/api/v1/documents/${slug}/export?format=html&lang=${target}`} download data-testid="export-html">
          HTML
        </a>{" "}
        · <a href={`/api/v1/documents/${slug}/export?format=md&lang=${target}`} download data-testid="export-md">
          Markdown
        </a>{" "}
        · <a href={`/api/v1/documents/${slug}/export?format=tmx`} download data-testid="export-tmx">
          {getT(lang, "workbench")("export.tmx")}
        </a>{" "}
        · <a href={`/api/v1/documents/${encodeURIComponent(slug)}/xliff?lang=${target}&version=2.1`} download data-testid="xliff-export-21">
          {getT(lang, "exchange")("links.xliff21")}
        </a>{" "}
        · <a href={`/api/v1/documents/${encodeURIComponent(slug)}/xliff?lang=${target}&version=1.2`} download data-testid="xliff-export-12">
          {getT(lang, "exchange")("links.xliff12")}
        </a>{" "}
        · <a href={`/${lang}/workbench/${slug}/${target}/xliff`} data-testid="xliff-import-link">
          {getT(lang, "exchange")("links.import")}
        </a>
      </p>
      <I18nProvider lang={lang} resources={clientResources(lang, ["workbench", "glossary", "qa", "tm", "mt", "errors", "auth"])}>
        <Workbench
          slug={slug}
          source={info(SOURCE_LANGUAGE)}
          target={info(target)}
          uiLang={lang}
          initial={initial}
          me={{ id: principal.userId, name: principal.name }}
          canEdit={can(principal, "translation.edit", target)}
          canApprove={can(principal, "translation.approve", target)}
          canPropose={can(principal, "glossary.propose", target)}
          initialSegment={initialSegment}
          mtEnabled={providersFor(getMtConfig(), target).length > 0}
          mtProviders={providersFor(getMtConfig(), target).map((p) => ({ id: p.id, label: p.label }))}
        />
      </I18nProvider>
    </main>
  );
}
