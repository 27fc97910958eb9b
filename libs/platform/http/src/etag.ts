import { REVISION_ETAG } from './input-contract/limits';
import { ProblemException } from './problems/problem.exception';
import { RequestValidationError } from './problems/request-validation.error';

/** A stream revision as a strong ETag: `"3"`. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/**
 * Reads an `If-Match` header carrying one of our revision ETags.
 * - absent → `undefined` (the write is unconditional);
 * - `"3"` → 3 (a canonical decimal: `"00"` is not `"0"`);
 * - anything else (a list, `*`, a weak or foreign tag, `"00"`) → 400 naming If-Match: a conditional write that
 *   cannot be checked must not go ahead. The edge middleware refuses these before any handler runs.
 */
export function revisionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = REVISION_ETAG.exec(header.trim());
  if (!match?.[1]) {
    throw new RequestValidationError([
      { field: 'If-Match', messages: ['If-Match must be the ETag of the version you read: a quoted revision number such as "3"'] },
    ]);
  }
  return Number(match[1]);
}

export class PreconditionFailedException extends ProblemException {
  readonly code = 'PRECONDITION_FAILED' as const;

  constructor(detail = 'The resource has changed since you read it.') {
    super(412, 'precondition-failed', 'The resource has changed since you read it', detail);
  }
}
