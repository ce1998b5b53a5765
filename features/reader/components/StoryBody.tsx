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

/** A segment's published text in one language, glossary terms marked. */
function SegmentText({ text, segmentKey, annotations }: { text: ReaderText; segmentKey: string; annotations?: ReaderAnnotations }) {
  return (
    <TermText
      text={text.text}
      matches={annotations?.matches.get(annotationKey(segmentKey, text.lang))}
      concepts={annotations?.concepts ?? new Map()}
    />
  );
}

function segmentProps(segment: ReaderSegment, text: ReaderText) {
  return {
    id: segment.key,
    "data-segment": segment.key,
    "data-kind": segment.kind,
    className: `segment segment-${segment.kind}`,
    ...textAttrs(text.lang),
  };
}

/** The story in one language, one element per segment (the title is rendered by the page). */
export function SingleLanguageBody({ segments, lang, t, annotations }: { segments: readonly ReaderSegment[]; lang: LanguageCode; t: TFunction; annotations?: ReaderAnnotations }) {
  return (
    <div className="story-body">
      {segments
        .filter((s) => s.kind !== "title" && s.texts[lang])
        .map((s) => {
          const text = s.texts[lang]!;
          const props = segmentProps(s, text);
          const content = <SegmentText text={text} segmentKey={s.key} annotations={annotations} />;
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
              const text = s.texts[l];
              // A segment added or removed by a source update between two editions' publications has no text in one of them.
              return (
                <td key={l} data-lang={l} data-label={getLanguage(l).nativeName} {...textAttrs(l)}>
                  {text ? <SegmentText text={text} segmentKey={s.key} annotations={annotations} /> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
