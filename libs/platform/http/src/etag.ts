import { ProblemException } from './problems/problem.exception';

/** A stream revision as a strong ETag: `"3"`. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/**
 * Reads an `If-Match` header carrying one of our revision ETags.
 * - absent → `undefined` (the write is unconditional);
 * - `"3"` → 3;
 * - anything else (a list, `*`, a weak or foreign tag) → 412: it cannot match the current revision,
 *   and a conditional write that cannot be checked must not go ahead.
 */
export function revisionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^"(\d{1,15})"$/.exec(header.trim());
  if (!match?.[1]) {
    throw new PreconditionFailedException('If-Match must be the ETag of the version you read, e.g. "3".');
  }
  return Number(match[1]);
}

export class PreconditionFailedException extends ProblemException {
  readonly code = 'PRECONDITION_FAILED' as const;

  constructor(detail = 'The resource has changed since you read it.') {
    super(412, 'precondition-failed', 'The resource has changed since you read it', detail);
  }
}
