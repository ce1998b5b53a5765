"use client";

import { useState, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import type { ResourceLanguage } from "i18next";
import { createI18n } from "./config";

/** Gives client components `useTranslation` over the namespaces the server passed down. */
export function I18nProvider({ lang, resources, children }: { lang: string; resources: ResourceLanguage; children: ReactNode }) {
  const [i18n] = useState(() => createI18n({ [lang]: resources }, lang));
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
