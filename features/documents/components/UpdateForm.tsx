"use client";

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import { wordDiff } from "@/features/workbench/word-diff";
import { documentsApi, type PreviewResult, type UpdatePlan } from "../api";
import { type DraftSegment, validateSegments } from "../segmentation";
import { SegmentList } from "./SegmentList";
import { SourceForm } from "./SourceForm";
import { ErrorNotice } from "./ErrorNotice";
import type { TargetLink } from "./ImportForm";

/** A new version of a story's source: source → segments → the plan (a dry run) → apply. */
export function UpdateForm({ slug, uiLang, targets }: { slug: string; uiLang: string; targets: readonly TargetLink[] }) {
  const { t } = useTranslation("documents");
  const hydrated = useHydrated();
  const [segments, setSegments] = useState<DraftSegment[] | null>(null);
  const [plan, setPlan] = useState<UpdatePlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<UpdatePlan | null>(null);

  const onPreview = (result: PreviewResult) => {
    setSegments(result.segments.map((s) => ({ kind: s.kind, text: s.text })));
    setPlan(null);
    setDone(null);
    setError(null);
  };
  const edit = (next: DraftSegment[]) => {
    setSegments(next);
    setPlan(null);
  };
  const run = async (dryRun: boolean) => {
    if (!segments) return;
    setBusy(true);
    setError(null);
    try {
      const result = await documentsApi.update(slug, segments, { dryRun, base: dryRun ? undefined : plan?.base });
      if (dryRun) setPlan(result);
      else setDone(result);
    } catch (err) {
      setError(err);
      if (!dryRun) setPlan(null);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="form-success" role="status" data-testid="update-done">
        <p>{done.applied ? t("update.applied") : t("update.nothing")}</p>
        <Counts plan={done} />
        <ul>
          <li>
            <a href={`/${uiLang}/stories/${slug}`} data-testid="open-reader">
              {t("import.openReader")}
            </a>
          </li>
          <li>
            {t("import.openEditor")}{" "}
            {targets.map((l, i) => (
              <span key={l.code}>
                {i > 0 && " · "}
                <a href={`/${uiLang}/workbench/${slug}/${l.code}`} lang={l.bcp47} dir={l.dir} data-testid={`open-editor-${l.code}`}>
                  {l.nativeName}
                </a>
              </span>
            ))}
          </li>
        </ul>
      </div>
    );
  }

  return (
    <>
      <section>
        <h2>{t("update.step1")}</h2>
        <SourceForm onPreview={onPreview} submitLabel={t("source.preview")} />
      </section>
      {segments && (
        <section data-testid="update-segments">
          <h2>{t("update.step2")}</h2>
          <SegmentList segments={segments} onChange={edit} disabled={busy} />
          <p>
            <button type="button" onClick={() => void run(true)} disabled={!hydrated || busy || validateSegments(segments).length > 0} data-testid="update-check">
              {t("update.check")}
            </button>
          </p>
        </section>
      )}
      {error !== null && <ErrorNotice error={error} testId="update-error" />}
      {plan && (
        <section data-testid="update-plan">
          <h2>{t("update.step3")}</h2>
          <Counts plan={plan} />
          <PlanTable plan={plan} />
          <p>
            <button type="button" onClick={() => void run(false)} disabled={!hydrated || busy} data-testid="update-apply">
              {busy ? t("update.applying") : t("update.apply")}
            </button>
          </p>
        </section>
      )}
    </>
  );
}

function Counts({ plan }: { plan: UpdatePlan }) {
  const { t } = useTranslation("documents");
  return (
    <ul className="doc-plan-counts" data-testid="plan-counts">
      {(["kept", "changed", "new", "removed"] as const).map((k) => (
        <li key={k} data-testid={`plan-count-${k}`} className={`plan-${k}`}>
          {t(`update.counts.${k}`, { count: plan.counts[k] })}
        </li>
      ))}
    </ul>
  );
}

function PlanTable({ plan }: { plan: UpdatePlan }) {
  const { t } = useTranslation("documents");
  return (
    <>
      <table className="data-table doc-plan">
        <thead>
          <tr>
            <th scope="col">{t("update.key")}</th>
            <th scope="col">{t("update.status")}</th>
            <th scope="col">{t("update.text")}</th>
          </tr>
        </thead>
        <tbody>
          {plan.segments.map((s) => (
            <tr key={s.key} className={`plan-${s.status}`} data-testid={`plan-${s.key}`} data-status={s.status}>
              <td dir="ltr">{s.key}</td>
              <td>
                {t(`update.statuses.${s.status}`)}
                {s.moved && ` (${t("update.moved")})`}
                {s.previousKind && s.previousKind !== s.kind && ` · ${t(`kinds.${s.previousKind}`)} → ${t(`kinds.${s.kind}`)}`}
              </td>
              <td lang="en" dir="ltr" className={s.status === "changed" ? "wb-diff" : undefined} data-testid="plan-text">
                {s.status === "changed" && s.previousText !== null
                  ? wordDiff(s.previousText, s.text, "en").map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))
                  : s.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.removed.length > 0 && (
        <>
          <h3>{t("update.removedHeading")}</h3>
          <table className="data-table doc-plan">
            <tbody>
              {plan.removed.map((s) => (
                <tr key={s.key} className="plan-removed" data-testid={`plan-${s.key}`} data-status="removed">
                  <td dir="ltr">{s.key}</td>
                  <td>{t("update.statuses.removed")}</td>
                  <td lang="en" dir="ltr">
                    <del>{s.text}</del>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
