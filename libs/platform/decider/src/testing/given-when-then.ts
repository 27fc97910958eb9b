import { deepStrictEqual, fail } from 'node:assert/strict';
import { fold, type Decider, type DomainEvent } from '../decider';

/** What `thenThrows` accepts: an error class, a stable error code, or a predicate. */
export type ExpectedError = (new (...args: never[]) => Error) | string | ((error: unknown) => boolean);

export interface Then<Event> {
  /** The command produced exactly these events, in this order (`[]`: nothing happened — idempotency). */
  then(expected: readonly Event[]): void;
  /** The command was refused. */
  thenThrows(expected: ExpectedError): void;
}

/**
 * Given/when/then for deciders, with no I/O and no test framework dependency (plain assertions):
 *
 *   const given = givenFor(referralDecider);
 *   given([received]).when(withdraw).then([withdrawn]);
 */
export function givenFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return (history: readonly Event[]) => ({
    when(command: Command): Then<Event> {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then(expected) {
          deepStrictEqual(run(), expected);
        },
        thenThrows(expected) {
          let produced: readonly Event[];
          try {
            produced = run();
          } catch (error) {
            if (typeof expected === 'string') {
              deepStrictEqual((error as { code?: unknown }).code, expected, `expected error code ${expected}`);
            } else if (expected.prototype instanceof Error || expected === Error) {
              if (!(error instanceof (expected as new (...args: never[]) => Error))) {
                fail(`expected ${(expected as { name: string }).name}, got ${String(error)}`);
              }
            } else if (!(expected as (e: unknown) => boolean)(error)) {
              fail(`the error did not match: ${String(error)}`);
            }
            return;
          }
          fail(`expected the command to be refused, but it produced ${JSON.stringify(produced)}`);
        },
      };
    },
  });
}
