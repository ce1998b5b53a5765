/** The one query-key factory of the workbench; invalidate by prefix after mutations. */
export const workbenchKeys = {
  all: ["workbench"] as const,
  documents: () => [...workbenchKeys.all, "documents"] as const,
  document: (slug: string, lang: string) => [...workbenchKeys.all, "document", slug, lang] as const,
  revisions: (segmentId: string, lang: string) => [...workbenchKeys.all, "revisions", segmentId, lang] as const,
  comments: (segmentId: string, lang: string) => [...workbenchKeys.all, "comments", segmentId, lang] as const,
  glossary: (segmentId: string, lang: string, target: string) => [...workbenchKeys.all, "glossary", segmentId, lang, target] as const,
  memory: (segmentId: string, lang: string) => [...workbenchKeys.all, "memory", segmentId, lang] as const,
  concordance: (lang: string, q: string) => [...workbenchKeys.all, "concordance", lang, q] as const,
};
