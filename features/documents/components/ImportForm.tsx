"use client";

import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "@/lib/use-hydrated";
import { documentsApi, type PreviewResult } from "../api";
import { type DraftSegment, SLUG_PATTERN, suggestSlug, validateSegments } from "../segmentation";
import { SegmentList } from "./SegmentList";
import { SourceForm } from "./SourceForm";
import { ErrorNotice } from "./ErrorNotice";

export interface TargetLink {
  readonly code: string;
  readonly nativeName: string;
  readonly bcp47: string;
  readonly dir: "ltr" | "rtl";
}

/** Import a new English story: source → preview (merge, split, kinds) → slug and title → create. */
export function ImportForm({ uiLang, targets }: { uiLang: string; targets: readonly TargetLink[] }) {
  const { t } = useTranslation("documents");
  const hydrated = useHydrated();
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [segments, setSegments] = useState<DraftSegment[]>([]);
  const [slug, setSlug] = useState("");
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ slug: string; title: string; segments: number } | null>(null);

  const onPreview = (result: PreviewResult) => {
    setPreview(result);
    setSegments(result.segments.map((s) => ({ kind: s.kind, text: s.text })));
    setTitle(result.title ?? "");
    setSlug(result.suggestedSlug);
    setCreated(null);
    setError(null);
  };

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await documentsApi.create({ slug, title: title.trim() || undefined, segments });
      setCreated({ slug: result.document.slug, title: result.document.title, segments: result.segments.length });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <div className="form-success doc-created" role="status" data-testid="import-done">
        <p>{t("import.created", { count: created.segments })}</p>
        <ul>
          <li>
            <a href={`/${uiLang}/stories/${created.slug}`} data-testid="open-reader">
              {t("import.openReader")}
            </a>
          </li>
          <li>
            {t("import.openEditor")}{" "}
            {targets.map((l, i) => (
              <span key={l.code}>
                {i > 0 && " · "}
                <a href={`/${uiLang}/workbench/${created.slug}/${l.code}`} lang={l.bcp47} dir={l.dir} data-testid={`open-editor-${l.code}`}>
                  {l.nativeName}
                </a>
              </span>
            ))}
          </li>
          <li>
            <a href={`/${uiLang}/workbench`} data-testid="open-workbench">
              {t("import.openWorkbench")}
            </a>
          </li>
        </ul>
      </div>
    );
  }

  const problems = validateSegments(segments);
  const slugOk = SLUG_PATTERN.test(slug) && slug.length <= 100;
  return (
    <>
      <section>
        <h2>{t("import.step1")}</h2>
        <SourceForm onPreview={onPreview} submitLabel={t("source.preview")} />
      </section>
      {preview && (
        <section data-testid="import-preview">
          <h2>{t("import.step2")}</h2>
          <SegmentList segments={segments} onChange={setSegments} disabled={busy} />
          <h2>{t("import.step3")}</h2>
          <form className="form" onSubmit={create} data-testid="create-form">
            <label>
              {t("import.docTitle")}
              <input value={title} onChange={(e) => setTitle(e.target.value)} lang="en" dir="ltr" maxLength={500} data-testid="create-title" />
            </label>
            <label>
              {t("import.slug")}
              <input
                value={slug}
                onChange={(e) => setSlug(e.target.value)}
                dir="ltr"
                required
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                maxLength={100}
                aria-describedby="slug-hint"
                data-testid="create-slug"
              />
            </label>
            <p className="hint" id="slug-hint">
              {t("import.slugHint")}
            </p>
            {!slugOk && slug !== "" && (
              <button type="button" className="link-button" onClick={() => setSlug(suggestSlug(title || segments[0]?.text || "story"))}>
                {t("import.suggestSlug")}
              </button>
            )}
            <button type="submit" disabled={!hydrated || busy || problems.length > 0 || !slugOk} data-testid="create-submit">
              {busy ? t("import.creating") : t("import.create", { count: segments.length })}
            </button>
            {error !== null && <ErrorNotice error={error} testId="create-error" />}
          </form>
        </section>
      )}
    </>
  );
}
