import { DomainError, assertNever, type Decider } from '../decider';
import { givenFor } from './given-when-then';

// A tiny decider used only to prove the helper: a group-session place that can be booked once and released.
type Command = { type: 'BookPlace'; person: string } | { type: 'ReleasePlace' };
type Event = { type: 'PlaceBooked'; data: { person: string } } | { type: 'PlaceReleased'; data: object };
type State = { status: 'Free' } | { status: 'Booked'; person: string };

const place: Decider<Command, Event, State> = {
  initialState: { status: 'Free' },
  decide(command, state) {
    switch (command.type) {
      case 'BookPlace':
        if (state.status === 'Booked') {
          if (state.person === command.person) return [];
          throw new DomainError('PLACE_TAKEN', 'The place is booked by someone else');
        }
        return [{ type: 'PlaceBooked', data: { person: command.person } }];
      case 'ReleasePlace':
        return state.status === 'Booked' ? [{ type: 'PlaceReleased', data: {} }] : [];
      default:
        return assertNever(command, 'command');
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'PlaceBooked':
        return { status: 'Booked', person: event.data.person };
      case 'PlaceReleased':
        return { status: 'Free' };
      default:
        return assertNever(event, 'event');
    }
  },
};
const given = givenFor(place);
const booked: Event = { type: 'PlaceBooked', data: { person: 'p1' } };

describe('given/when/then for deciders', () => {
  it('passes when the command produces exactly the expected events', () => {
    given([]).when({ type: 'BookPlace', person: 'p1' }).then([booked]);
  });

  it('fails when the produced events differ from the expected ones', () => {
    expect(() => given([]).when({ type: 'BookPlace', person: 'p1' }).then([])).toThrow();
  });

  it('treats no events as the idempotent outcome of a repeated decision', () => {
    given([booked]).when({ type: 'BookPlace', person: 'p1' }).then([]);
  });

  it('matches a refusal by its stable code, its class or a predicate', () => {
    const when = given([booked]).when({ type: 'BookPlace', person: 'p2' });
    when.thenThrows('PLACE_TAKEN');
    when.thenThrows(DomainError);
    when.thenThrows((error) => error instanceof DomainError && error.message.includes('someone else'));
  });

  it('fails thenThrows when the command is accepted or refused for another reason', () => {
    expect(() => given([]).when({ type: 'BookPlace', person: 'p1' }).thenThrows('PLACE_TAKEN')).toThrow(
      /expected the command to be refused/,
    );
    expect(() => given([booked]).when({ type: 'BookPlace', person: 'p2' }).thenThrows('OTHER_CODE')).toThrow();
  });
});
