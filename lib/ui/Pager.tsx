/**
 * Previous/next links of a paged list: plain links carrying the cursor in the
 * query string, so paging works without JavaScript.
 */
export interface PagerProps {
  /** Accessible name of the navigation landmark. */
  readonly label: string;
  readonly previousLabel: string;
  readonly nextLabel: string;
  /** Link to the previous page, or null on the first page. */
  readonly previousHref: string | null;
  /** Link to the next page, or null on the last page. */
  readonly nextHref: string | null;
  readonly testId?: string;
}

export function Pager({ label, previousLabel, nextLabel, previousHref, nextHref, testId = "pager" }: PagerProps) {
  if (!previousHref && !nextHref) return null;
  return (
    <nav className="pager" aria-label={label} data-testid={testId}>
      {previousHref ? (
        <a href={previousHref} rel="prev" data-testid={`${testId}-previous`}>
          {previousLabel}
        </a>
      ) : null}
      {nextHref ? (
        <a href={nextHref} rel="next" data-testid={`${testId}-next`}>
          {nextLabel}
        </a>
      ) : null}
    </nav>
  );
}

/** The href of `path` with `params` (empty values dropped) plus one cursor parameter. */
export function pageHref(path: string, params: Readonly<Record<string, string | undefined>>, cursor: { after?: string | null; before?: string | null }): string | null {
  const cursorParam = cursor.after ? ["after", cursor.after] : cursor.before ? ["before", cursor.before] : null;
  if (!cursorParam) return null;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  search.set(cursorParam[0]!, cursorParam[1]!);
  return `${path}?${search.toString()}`;
}
