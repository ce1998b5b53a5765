/** Typed fetchers and query keys of the translation memory (client side). */
import { apiFetch } from "@/lib/api/client";

/** A translation-memory match (features/tm/server/service.ts, tmMatchSchema). */
export interface TmLookupMatch {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly score: number;
  readonly origin: string;
  readonly originDetail: string | null;
  readonly author: string | null;
  readonly createdAt: string;
}

/** A match of the lookup with granularity: which query sentence it answers, if any. */
export interface TmSentenceMatch extends Pick<TmLookupMatch, "id" | "source" | "target" | "score" | "origin" | "originDetail"> {
  readonly granularity: "paragraph" | "sentence";
  readonly querySentence: { readonly index: number; readonly start: number; readonly end: number } | null;
}

export interface TmQuerySentence {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface TmFragment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly words: number;
  readonly units: number;
  readonly hits: readonly { readonly id: string; readonly source: string; readonly target: string; readonly originDetail: string | null; readonly origin: string }[];
}

/** The one query-key factory of the memory panels. */
export const tmKeys = {
  all: ["tm"] as const,
  sentences: (lang: string, text: string) => [...tmKeys.all, "sentences", lang, text] as const,
  fragments: (lang: string, text: string) => [...tmKeys.all, "fragments", lang, text] as const,
};

export const tmApi = {
  sentences: (q: { sourceLang: string; targetLang: string; text: string }) =>
    apiFetch<{ matches: TmSentenceMatch[]; sentences: TmQuerySentence[] }>(`/api/v1/tm/lookup?${new URLSearchParams({ ...q, granularity: "sentence", limit: "3", min: "75" })}`),
  fragments: (q: { sourceLang: string; targetLang: string; text: string }) => apiFetch<{ fragments: TmFragment[] }>(`/api/v1/tm/fragments?${new URLSearchParams(q)}`),
};
