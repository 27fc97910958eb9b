import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { PositionOutOfRangeError } from '../errors';
import {
  CHAIN_KEY,
  CommitPositions,
  fromEsdbCurrent,
  isInternalStream,
  positionOf,
  safe,
  splitMetadata,
  streamReadPositionOf,
  toEsdbExpected,
} from './eventstoredb-mapping';

describe('EventStoreDB mapping', () => {
  it('maps each expected revision to the client constant or a bigint', () => {
    expect(toEsdbExpected('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpected('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpected('any')).toBe(ANY);
    expect(toEsdbExpected(41)).toBe(41n);
  });

  it('maps the server current revision back to ours', () => {
    expect(fromEsdbCurrent(NO_STREAM)).toBe('no_stream');
    expect(fromEsdbCurrent(7n)).toBe(7);
  });

  it('rejects positions beyond 2^53 instead of rounding them', () => {
    expect(safe(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => safe(2n ** 53n)).toThrow(PositionOutOfRangeError);
    expect(() => positionOf({ commit: 2n ** 60n, prepare: 2n ** 60n })).toThrow(PositionOutOfRangeError);
    expect(() => positionOf(undefined)).toThrow(/without a position/);
  });

  it('names an event by its prepare position, shared commit positions notwithstanding', () => {
    expect(positionOf({ commit: 100n, prepare: 180n })).toBe(180);
    expect(streamReadPositionOf({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBe(0);
    expect(streamReadPositionOf(undefined)).toBe(0);
  });

  it('starts a read after a known position at the start of its append, and at the log start otherwise', () => {
    const commits = new CommitPositions(2);
    commits.remember({ commit: 100n, prepare: 180n });
    expect(commits.startAfter(180)).toEqual({ commit: 100n, prepare: 100n });
    expect(commits.startAfter(999)).toBe('start');
    expect(commits.startAfter(0)).toBe('start');
    commits.remember({ commit: 200n, prepare: 200n });
    commits.remember({ commit: 300n, prepare: 300n });
    expect(commits.startAfter(180)).toBe('start');
  });

  it('takes the chain link and the server-convention keys out of stored metadata', () => {
    const { metadata, link } = splitMetadata({
      correlationId: 'c1',
      schemaVersion: 2,
      $correlationId: 'c1',
      [CHAIN_KEY]: { hash: 'h', previousHash: '' },
    });
    expect(metadata).toEqual({ correlationId: 'c1', schemaVersion: 2 });
    expect(link).toEqual({ hash: 'h', previousHash: '' });
  });

  it('hides system, checkpoint and event-id claim streams from log reads', () => {
    expect(isInternalStream('$et-Foo')).toBe(true);
    expect(isInternalStream('stepwell_checkpoint-relay')).toBe(true);
    expect(isInternalStream('stepwell_event_id-0000')).toBe(true);
    expect(isInternalStream('referral-1')).toBe(false);
  });
});
