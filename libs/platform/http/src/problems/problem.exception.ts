import { problemType } from './problem-details';

/**
 * An HTTP-edge problem with its status decided where it is thrown (malformed header, not ready...).
 * Domain code never throws this: it throws errors with a `code`, mapped once in the error table.
 */
export class ProblemException extends Error {
  readonly type: string;

  constructor(
    readonly status: number,
    slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
    this.type = problemType(slug);
  }
}
