import { LANGUAGES } from "./languages";

interface LanguageOption {
  readonly code: string;
  readonly bcp47: string;
  readonly nativeName: string;
}

/** `<option>`s for a language menu: each language under its own name, marked with its `lang`. */
export function LanguageOptions({ languages = LANGUAGES }: { languages?: readonly LanguageOption[] }) {
  return (
    <>
      {languages.map((l) => (
        <option key={l.code} value={l.code} lang={l.bcp47}>
          {l.nativeName}
        </option>
      ))}
    </>
  );
}
