import { LANGUAGES, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import type { ConceptCard, RecognizedTerm } from "@/features/glossary/server/recognition";

/**
 * Text with its glossary terms marked. Each term is a button (reachable by
 * keyboard and touch) whose tooltip gives the definition and the term in the
 * other languages; CSS shows it on hover and focus, no script needed.
 */
export function TermText({ text, matches, concepts, idPrefix, definitionLabel }: { text: string; matches: readonly RecognizedTerm[] | undefined; concepts: ReadonlyMap<string, ConceptCard>; idPrefix: string; definitionLabel: string }) {
  if (!matches?.length) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, m] of matches.entries()) {
    const card = concepts.get(m.conceptId);
    if (!card || m.start < at) continue;
    if (m.start > at) parts.push(text.slice(at, m.start));
    const tipId = `${idPrefix}-${i}`;
    parts.push(
      <span key={tipId} className="term">
        <button type="button" className="term-button" aria-describedby={tipId} data-testid="reader-term" data-concept={m.conceptId}>
          {text.slice(m.start, m.end)}
        </button>
        <span role="tooltip" id={tipId} className="term-tip" lang="en" dir="ltr">
          <span className="visually-hidden">{definitionLabel}: </span>
          {card.definition}
          <span className="term-tip-langs">
            {LANGUAGES.filter((l) => card.terms[l.code]).map((l) => (
              <span key={l.code} {...textAttrs(l.code as LanguageCode)}>
                {card.terms[l.code]}
              </span>
            ))}
          </span>
        </span>
      </span>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
