import type { ReactNode } from 'react';

/**
 * The design system's inset text for a piece of information (what an action did, what a page is for), with the
 * prefix a screen reader announces: one paragraph.
 */
export function Information({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{children}</p>
    </div>
  );
}
