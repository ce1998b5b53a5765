import type { TFunction } from "i18next";
import { getLanguage, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import type { ReaderSegment, ReaderText } from "../server/service";

/** A segment's text in one language; untranslated text is marked and keeps its own `lang`. */
function SegmentText({ text, uiLang, t }: { text: ReaderText; uiLang: LanguageCode; t: TFunction }) {
  if (text.translated) return <>{text.text}</>;
  return (
    <>
      <span className="badge" {...textAttrs(uiLang)} title={t("notTranslatedHint")}>
        {t("notTranslated")}
      </span>{" "}
      {text.text}
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
export function SingleLanguageBody({ segments, lang, uiLang, t }: { segments: readonly ReaderSegment[]; lang: LanguageCode; uiLang: LanguageCode; t: TFunction }) {
  return (
    <div className="story-body">
      {segments
        .filter((s) => s.kind !== "title")
        .map((s) => {
          const text = s.texts[lang]!;
          const props = segmentProps(s, text);
          const content = <SegmentText text={text} uiLang={uiLang} t={t} />;
          return s.kind === "heading" ? <h2 key={s.key} {...props}>{content}</h2> : <p key={s.key} {...props}>{content}</p>;
        })}
    </div>
  );
}

/** English and the chosen translations side by side, one row per segment. */
export function ParallelBody({ segments, langs, uiLang, t }: { segments: readonly ReaderSegment[]; langs: readonly LanguageCode[]; uiLang: LanguageCode; t: TFunction }) {
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
                  <SegmentText text={text} uiLang={uiLang} t={t} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
