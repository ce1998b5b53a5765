/** The newsroom's subject fields for concepts (the seed files use only these; imports may bring others). */
export const SUBJECTS = ["person", "place", "organisation", "force", "weapon", "ship", "agreement", "institution", "phrase"] as const;
