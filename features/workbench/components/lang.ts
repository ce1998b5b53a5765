/** A language as the editor needs it: code, BCP 47 tag, direction and its own name. */
export interface LangInfo {
  readonly code: string;
  readonly bcp47: string;
  readonly dir: "ltr" | "rtl";
  readonly nativeName: string;
}
