import { LANGUAGES, textAttrs, type LanguageCode } from "@/lib/i18n/languages";
import type { ConceptCard, RecognizedTerm } from "@/features/glossary/server/recognition";

/** The id of a concept's one tooltip on the page. */
export const tipId = (conceptId: string) => `tip-${conceptId}`;

/**
 * Text with its glossary terms marked. Each term is a button (reachable by
 * keyboard and touch) described by its concept's tooltip, which the page
 * renders once per concept (TermTips), not once per occurrence.
 */
export function TermText({ text, matches, concepts }: { text: string; matches: readonly RecognizedTerm[] | undefined; concepts: ReadonlyMap<string, ConceptCard> }) {
  if (!matches?.length) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, m] of matches.entries()) {
    if (!concepts.has(m.conceptId) || m.start < at) continue;
    if (m.start > at) parts.push(text.slice(at, m.start));
    parts.push(
      <span key={i} className="term">
        <button type="button" className="term-button" aria-describedby={tipId(m.conceptId)} data-testid="reader-term" data-concept={m.conceptId}>
          {text.slice(m.start, m.end)}
        </button>
      </span>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * The tooltips of the concepts marked on the page, one each: the definition
 * and the term in every language. They wait in a hidden pool (still the
 * accessible description of every occurrence); TermTipAnchor moves a tooltip
 * next to the term being hovered, focused or tapped, where CSS shows it.
 */
export function TermTips({ concepts, definitionLabel }: { concepts: ReadonlyMap<string, ConceptCard>; definitionLabel: string }) {
  if (concepts.size === 0) return null;
  return (
    <div className="term-tips" hidden data-testid="term-tips">
      {[...concepts.values()].map((card) => (
        <span key={card.id} role="tooltip" id={tipId(card.id)} className="term-tip" lang="en" dir="ltr">
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
      ))}
    </div>
  );
}
