import type { TFunction } from "i18next";
import { getLanguage, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import type { ReaderSegment, ReaderText } from "../server/service";
import type { ConceptCard, RecognizedTerm } from "@/features/glossary/server/recognition";
import { TermText } from "./TermText";

/** Glossary terms found in each shown text, by segment key and language. */
export interface ReaderAnnotations {
  readonly matches: ReadonlyMap<string, readonly RecognizedTerm[]>;
  readonly concepts: ReadonlyMap<string, ConceptCard>;
}

export const annotationKey = (segmentKey: string, lang: string) => `${segmentKey}|${lang}`;

/** A segment's text in one language, glossary terms marked; untranslated text is marked and keeps its own `lang`. */
function SegmentText({ text, segmentKey, uiLang, t, annotations }: { text: ReaderText; segmentKey: string; uiLang: LanguageCode; t: TFunction; annotations?: ReaderAnnotations }) {
  const body = (
    <TermText
      text={text.text}
      matches={annotations?.matches.get(annotationKey(segmentKey, text.lang))}
      concepts={annotations?.concepts ?? new Map()}
      idPrefix={`tip-${segmentKey}-${text.lang}`}
      definitionLabel={t("definition")}
    />
  );
  if (text.translated) return body;
  return (
    <>
      <span className="badge" {...textAttrs(uiLang)} title={t("notTranslatedHint")}>
        {t("notTranslated")}
      </span>{" "}
      {body}
    </>
  );
}

function segmentProps(segment: ReaderSegment, text: ReaderText) {
  return {
    id: segment.key,
    "data-segment": segment.key,
    "data-kind": segment.kind,
    "data-translated": text.translated ? undefined : "false",
    className: `segment segment-${segment.kind}${text.translated ? "" : " untranslated"}`,
    ...textAttrs(text.lang),
  };
}

/** The story in one language, one element per segment (the title is rendered by the page). */
export function SingleLanguageBody({ segments, lang, uiLang, t, annotations }: { segments: readonly ReaderSegment[]; lang: LanguageCode; uiLang: LanguageCode; t: TFunction; annotations?: ReaderAnnotations }) {
  return (
    <div className="story-body">
      {segments
        .filter((s) => s.kind !== "title")
        .map((s) => {
          const text = s.texts[lang]!;
          const props = segmentProps(s, text);
          const content = <SegmentText text={text} segmentKey={s.key} uiLang={uiLang} t={t} annotations={annotations} />;
          return s.kind === "heading" ? <h2 key={s.key} {...props}>{content}</h2> : <p key={s.key} {...props}>{content}</p>;
        })}
    </div>
  );
}

/** English and the chosen translations side by side, one row per segment. */
export function ParallelBody({ segments, langs, uiLang, t, annotations }: { segments: readonly ReaderSegment[]; langs: readonly LanguageCode[]; uiLang: LanguageCode; t: TFunction; annotations?: ReaderAnnotations }) {
  return (
    <table className="parallel" data-testid="parallel-table" {...textAttrs(uiLang)}>
      <caption>{t("parallel.caption")}</caption>
      <thead>
        <tr>
          {langs.map((l) => (
            <th key={l} scope="col" {...textAttrs(l)}>
              {getLanguage(l).nativeName}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {segments.map((s) => (
          <tr key={s.key} id={s.key} data-segment={s.key} data-kind={s.kind} className={`segment-row segment-${s.kind}`}>
            {langs.map((l) => {
              const text = s.texts[l]!;
              return (
                <td
                  key={l}
                  data-lang={l}
                  data-label={getLanguage(l).nativeName}
                  data-translated={text.translated ? undefined : "false"}
                  className={text.translated ? undefined : "untranslated"}
                  {...textAttrs(text.lang)}
                >
                  <SegmentText text={text} segmentKey={s.key} uiLang={uiLang} t={t} annotations={annotations} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
