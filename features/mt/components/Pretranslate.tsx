"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { useErrorMessage } from "@/features/auth/components/useErrorMessage";
import type { PretranslateJob } from "../server/pretranslate";

/** A provider the document's language routes to, as the options list it. */
export interface PretranslateProvider {
  readonly id: string;
  readonly label: string;
}

const path = (slug: string) => `/api/v1/documents/${encodeURIComponent(slug)}/pretranslate`;

/** Typed fetchers of the pre-translation endpoints. */
export const pretranslateApi = {
  /** The latest job of the document in `lang`, or null when there is none. */
  get: async (slug: string, lang: string): Promise<PretranslateJob | null> => {
    try {
      return (await apiFetch<{ job: PretranslateJob }>(`${path(slug)}?lang=${encodeURIComponent(lang)}`)).job;
    } catch (e) {
      if (e instanceof ApiClientError && e.code === "not_found") return null;
      throw e;
    }
  },
  start: async (slug: string, body: { lang: string; threshold: number; useMt: boolean; providers?: string[] }) => (await apiFetch<{ job: PretranslateJob }>(path(slug), { method: "POST", json: body })).job,
  cancel: async (slug: string, lang: string) => (await apiFetch<{ job: PretranslateJob }>(`${path(slug)}?lang=${encodeURIComponent(lang)}`, { method: "DELETE" })).job,
};

export const pretranslateKeys = {
  job: (slug: string, lang: string) => ["mt", "pretranslate", slug, lang] as const,
};

/** How often the progress is read while a job runs. */
const POLL_MS = 500;

/** What a finished job filled, from where: the memory, each provider, nothing. */
export function summarize(job: Pick<PretranslateJob, "report">): { memory: number; providers: [string, number][]; none: number } {
  let memory = 0;
  let none = 0;
  const providers = new Map<string, number>();
  for (const r of job.report) {
    if (r.from === "memory") memory++;
    else if (r.from === "none") none++;
    else providers.set(r.detail ?? "?", (providers.get(r.detail ?? "?") ?? 0) + 1);
  }
  return { memory, providers: [...providers], none };
}

/**
 * Pre-translation of a document in one language, from the workbench's
 * toolbar: options (memory threshold, which providers), a progress bar read
 * from the running job, a cancel button, and the report of what came from
 * where. Owns its query; `onFinished` lets the editor reload the drafts.
 */
export function Pretranslate({ slug, lang, providers, onFinished }: { slug: string; lang: string; providers: readonly PretranslateProvider[]; onFinished(): void }) {
  const { t } = useTranslation("mt");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const key = pretranslateKeys.job(slug, lang);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { data: job } = useQuery({
    queryKey: key,
    queryFn: () => pretranslateApi.get(slug, lang),
    refetchInterval: (q) => (q.state.data?.state === "running" ? POLL_MS : false),
    staleTime: 0,
  });
  const running = job?.state === "running";

  // The drafts written by a job appear in the editor when it ends.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!job) return;
    const mark = `${job.id}:${job.state}`;
    if (job.state !== "running" && seen.current !== null && seen.current !== mark) onFinished();
    seen.current = mark;
  }, [job, onFinished]);

  const start = useMutation({
    mutationFn: (body: { threshold: number; useMt: boolean; providers?: string[] }) => pretranslateApi.start(slug, { lang, ...body }),
    onSuccess: (started) => {
      setError(null);
      seen.current = `${started.id}:running`;
      queryClient.setQueryData(key, started);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const cancel = useMutation({
    mutationFn: () => pretranslateApi.cancel(slug, lang),
    onSuccess: (cancelled) => queryClient.setQueryData(key, cancelled),
    onError: (e) => setError(errorMessage(e)),
  });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const chosen = providers.map((p) => p.id).filter((id) => form.get(`provider-${id}`) === "on");
    start.mutate({ threshold: Number(form.get("threshold")), useMt: chosen.length > 0, ...(chosen.length > 0 ? { providers: chosen } : {}) });
  };

  return (
    <div className="wb-pretranslate">
      <button type="button" aria-expanded={open} aria-controls="pretranslate-panel" onClick={() => setOpen((o) => !o)} data-testid="pretranslate-open">
        {t("pretranslate.open")}
      </button>
      {open && (
        <section id="pretranslate-panel" className="wb-pretranslate-panel" aria-labelledby="pretranslate-title" data-testid="pretranslate">
          <h2 id="pretranslate-title">{t("pretranslate.title")}</h2>
          <p className="muted">{t("pretranslate.explain")}</p>
          <form onSubmit={submit}>
            <label>
              {t("pretranslate.threshold")}{" "}
              <input type="number" name="threshold" min={50} max={101} step={1} defaultValue={90} required data-testid="pretranslate-threshold" />
            </label>
            {providers.length > 0 ? (
              <fieldset>
                <legend>{t("pretranslate.providers")}</legend>
                {providers.map((p) => (
                  <label key={p.id} className="checkbox">
                    <input type="checkbox" name={`provider-${p.id}`} defaultChecked data-testid={`pretranslate-provider-${p.id}`} /> <bdi>{p.label}</bdi>
                  </label>
                ))}
              </fieldset>
            ) : (
              <p className="muted">{t("pretranslate.memoryOnly")}</p>
            )}
            <button type="submit" disabled={running || start.isPending} data-testid="pretranslate-start">
              {t("pretranslate.start")}
            </button>
          </form>
          {error && (
            <p className="form-error" role="alert" data-testid="pretranslate-error">
              {error}
            </p>
          )}
          {job && <JobStatus job={job} providers={providers} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} />}
        </section>
      )}
    </div>
  );
}

/** The job's progress while it runs (with a cancel button), then the report of what came from where. */
function JobStatus({ job, providers, onCancel, cancelling }: { job: PretranslateJob; providers: readonly PretranslateProvider[]; onCancel(): void; cancelling: boolean }) {
  const { t } = useTranslation("mt");
  const running = job.state === "running";
  const summary = summarize(job);
  const labelOf = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  return (
    <div data-testid="pretranslate-job" data-state={job.state} data-memory={job.counts.memory}>
      <p role="status" data-testid="pretranslate-state">
        {t(`pretranslate.state.${job.state}`)}
      </p>
      <progress value={job.done} max={Math.max(job.total, 1)} aria-label={t("pretranslate.progressLabel")} data-testid="pretranslate-progress" data-done={job.done} data-total={job.total} />{" "}
      <span data-testid="pretranslate-count">{t("pretranslate.progress", { done: job.done, count: job.total })}</span>
      {running && (
        <button type="button" onClick={onCancel} disabled={cancelling} data-testid="pretranslate-cancel">
          {t("pretranslate.cancel")}
        </button>
      )}
      {!running && (
        <ul className="wb-pretranslate-report" data-testid="pretranslate-report">
          <li data-testid="report-memory" data-count={summary.memory}>
            {t("pretranslate.fromMemory", { count: summary.memory })}
          </li>
          {summary.providers.map(([id, n]) => (
            <li key={id} data-testid={`report-mt-${id}`} data-count={n}>
              {t("pretranslate.fromProvider", { count: n, provider: labelOf(id) })}
            </li>
          ))}
          <li data-testid="report-none" data-count={summary.none}>
            {t("pretranslate.none", { count: summary.none })}
          </li>
          {job.error && <li className="form-error">{job.error}</li>}
        </ul>
      )}
    </div>
  );
}
