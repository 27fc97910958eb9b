/**
 * A decider is one consistency boundary (an aggregate) as two pure functions:
 * `decide(command, state) → events` says what happens; `evolve(state, event) → state` says what it means.
 * No framework, no I/O, no clock: time, ids and looked-up facts arrive in the command.
 */

/** A private domain event: a fact in the past tense with an explicit string type. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  /** The state of a stream with no events. */
  readonly initialState: State;
  /**
   * Returns the events the command causes. Returns no events when the outcome is already in the state
   * (idempotency); throws a `DomainError` when the command breaks an invariant.
   */
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

/** Folds events into state, from the decider's initial state or from `from`. */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/**
 * A broken business invariant, with a stable `code` that the HTTP edge maps to a problem document once.
 * Expected business outcomes (a referral declined) are events, not errors.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Compile-time exhaustiveness check for `switch` statements over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/**
 * The personal and free-text fields of a family of events, by event type (issue 15): declared beside the event
 * types, checked against their data by the compiler, and sealed with the person's own key by the event store's
 * personal-data codec (`@stepwell/personal-data`), so that erasing the key erases them everywhere.
 */
export type PersonalFieldsOf<Event extends { type: string; data: unknown }> = {
  readonly [Type in Event['type']]?: readonly FieldPath<Extract<Event, { type: Type }>['data']>[];
};

/** A field of `data`, or a field of one of its object fields (`riskIndicators.notes`). */
type FieldPath<Data> = {
  [K in keyof Data & string]:
    | K
    | (NonNullable<Data[K]> extends readonly unknown[] ? never : NonNullable<Data[K]> extends object ? `${K}.${keyof NonNullable<Data[K]> & string}` : never);
}[keyof Data & string];
