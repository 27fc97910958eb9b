import { useEffect, useRef } from 'react';
import type { ErrorSummaryModel } from '../lib/problems';

/**
 * The NHS design system's error summary: at the top of the page, focused when it appears so that screen readers
 * announce it, each line a link to the field to fix (https://service-manual.nhs.uk/design-system/components/error-summary).
 */
export function ErrorSummary({ summary }: { summary: ErrorSummaryModel | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summary) ref.current?.focus();
  }, [summary]);
  if (!summary) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        {summary.title}
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {summary.items.map((item, i) =>
            item.href ? (
              <li key={i}>
                <a href={item.href} onClick={(event) => focusField(event, item.href as string)}>
                  {item.text}
                </a>
              </li>
            ) : (
              <li key={i}>{item.text}</li>
            ),
          )}
        </ul>
      </div>
    </div>
  );
}

/** The link moves focus to the field itself (not only the scroll position), as the design system's script does. */
function focusField(event: React.MouseEvent, href: string) {
  const target = document.getElementById(href.slice(1));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  target.focus();
}
