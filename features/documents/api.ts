/** Client-side fetchers of the document import API. */
import { apiFetch } from "@/lib/api/client";
import type { BlockKind, ImportFormat } from "./blocks";
import type { DraftSegment } from "./segmentation";

export interface PreviewResult {
  format: ImportFormat | null;
  sentences: boolean;
  blocks: DraftSegment[];
  segments: (DraftSegment & { key: string })[];
  title: string | null;
  suggestedSlug: string;
}

export interface PlanSegment {
  status: "kept" | "changed" | "new";
  key: string;
  kind: BlockKind;
  text: string;
  position: number;
  previousText: string | null;
  previousKind: BlockKind | null;
  similarity: number | null;
  moved: boolean;
}

export interface UpdatePlan {
  slug: string;
  base: string;
  dryRun: boolean;
  applied: boolean;
  sourceUpdatedAt: string | null;
  counts: { kept: number; changed: number; new: number; removed: number };
  segments: PlanSegment[];
  removed: { key: string; kind: BlockKind; text: string }[];
}

/** A source as the user gave it: pasted text in a format, or a file. */
export type SourceChoice = { readonly kind: "text"; readonly text: string; readonly format: Exclude<ImportFormat, "docx"> } | { readonly kind: "file"; readonly file: File; readonly format: ImportFormat };

/** The format of an uploaded file, from its name. */
export function formatOfFile(name: string): ImportFormat | null {
  const ext = name.toLowerCase().split(".").pop();
  if (ext === "txt" || ext === "text") return "txt";
  if (ext === "md" || ext === "markdown") return "md";
  if (ext === "html" || ext === "htm") return "html";
  if (ext === "docx") return "docx";
  return null;
}

function sourceRequest(source: SourceChoice, query: Record<string, string>): [string, RequestInit & { json?: unknown }] {
  const q = new URLSearchParams(query);
  if (source.kind === "text") return [q.toString(), { method: "POST", json: { text: source.text, format: source.format, sentences: query.sentences === "1" } }];
  q.set("format", source.format);
  return [q.toString(), { method: "POST", body: source.file, headers: { "content-type": "application/octet-stream" } }];
}

export const documentsApi = {
  preview: (source: SourceChoice, sentences: boolean) => {
    const [q, init] = sourceRequest(source, { sentences: sentences ? "1" : "0" });
    return apiFetch<PreviewResult>(`/api/v1/documents/preview?${q}`, init);
  },
  create: (body: { slug: string; title?: string; segments: DraftSegment[] }) =>
    apiFetch<{ document: { id: string; slug: string; title: string }; segments: (DraftSegment & { key: string })[] }>("/api/v1/documents", { method: "POST", json: body }),
  /** A dry run (the plan) or, with `base`, the update itself, from segments already cut. */
  update: (slug: string, segments: DraftSegment[], options: { dryRun: boolean; base?: string }) =>
    apiFetch<UpdatePlan>(`/api/v1/documents/${encodeURIComponent(slug)}/source?${new URLSearchParams({ dryRun: options.dryRun ? "1" : "0", ...(options.base ? { base: options.base } : {}) })}`, {
      method: "POST",
      json: { segments },
    }),
};
