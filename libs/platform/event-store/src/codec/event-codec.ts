import { EventIdConflictError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  MultiStreamAppendResult,
  NewEvent,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port';
import { canonicalJson } from '../hash/canonical-json';

/**
 * Turns events into their stored form on append and back on read, e.g. personal fields encrypted with a per-patient
 * key (`@stepwell/personal-data`). The hash chain and verification cover the stored form, so a change that only
 * makes a stored value unreadable (a shredded key) changes no hash.
 */
export interface EventCodec {
  /** The stored form of the events about to be appended to `streamId`. */
  encode(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]>;
  /** The form readers see (same order, same length). */
  decode(events: readonly RecordedEvent[]): Promise<RecordedEvent[]>;
  close?(): Promise<void>;
}

/**
 * The store with `codec` on every append and read path of the port: appends, stream/log/category/subject reads and
 * subscriptions (per event and per page). Verification reads the stored form. A codec whose stored form is not
 * deterministic (random IVs) makes a re-sent append differ from the stored copy: such a conflict is resolved
 * here by comparing the decoded copies, so re-sending the same append stays harmless.
 */
export function withEventCodec(store: EventStore, codec: EventCodec): EventStore {
  async function appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const encoded = await codec.encode(streamId, events);
    try {
      return await store.appendToStream(streamId, encoded, options);
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      const original = await resentAppend(streamId, events);
      if (original) return original;
      throw error;
    }
  }

  /** Every part encoded (each stream's events with that stream's key), then one atomic append of the whole. */
  async function appendToStreams(appends: readonly StreamAppend[]): Promise<MultiStreamAppendResult> {
    const encoded = await Promise.all(appends.map(async (part) => ({ ...part, events: await codec.encode(part.streamId, part.events) })));
    try {
      return await store.appendToStreams(encoded);
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      // A re-sent multi-stream append: harmless when every part is already stored, decoded equal.
      const originals: AppendResult[] = [];
      for (const part of appends) {
        const original = part.events.length === 0 ? null : await resentAppend(part.streamId, part.events);
        if (!original) throw error;
        originals.push(original);
      }
      return { streams: originals, lastGlobalPosition: Math.max(...originals.map((result) => result.lastGlobalPosition)) };
    }
  }

  /** The original result when every event is already stored in this stream, decoded equal, at consecutive revisions. */
  async function resentAppend(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const stored = new Map((await readStream(streamId)).map((event) => [event.id.toLowerCase(), event]));
    let last: RecordedEvent | undefined;
    for (const event of events) {
      const copy = stored.get(event.id.toLowerCase());
      const same =
        copy !== undefined &&
        copy.type === event.type &&
        canonicalJson(copy.data) === canonicalJson(event.data) &&
        canonicalJson(copy.metadata) === canonicalJson(event.metadata) &&
        (last === undefined || copy.revision === last.revision + 1);
      if (!same) return null;
      last = copy;
    }
    return last ? { nextExpectedRevision: last.revision, lastGlobalPosition: last.globalPosition } : null;
  }

  const readStream: EventStore['readStream'] = async (streamId, options) => codec.decode(await store.readStream(streamId, options));

  function subscribe(options: SubscribeOptions) {
    if (options.handleBatch) {
      const handleBatch = options.handleBatch;
      // `selects` sees the stored form: it decides on the stream, type and metadata, which a codec leaves as they are
      return store.subscribe({ ...options, handleBatch: async (events, pageEnd) => handleBatch(await codec.decode(events), pageEnd) });
    }
    const handle = options.handle;
    return store.subscribe({
      ...options,
      handle: async (event) => {
        const [decoded] = await codec.decode([event]);
        await handle(decoded as RecordedEvent);
      },
    });
  }

  const coded: EventStore = {
    appendToStream,
    appendToStreams,
    readStream,
    readAll: async (options) => codec.decode(await store.readAll(options)),
    readCategory: async (category, options) => codec.decode(await store.readCategory(category, options)),
    readBySubject: async (subjectIds, options) => codec.decode(await store.readBySubject(subjectIds, options)),
    headPosition: () => store.headPosition(),
    subscribe,
    verifyStream: (streamId) => store.verifyStream(streamId),
    verifyAll: () => store.verifyAll(),
    async close() {
      await store.close();
      await codec.close?.();
    },
  };
  if (store.readCheckpoint) coded.readCheckpoint = store.readCheckpoint.bind(store);
  if (store.subscriptionLag) coded.subscriptionLag = store.subscriptionLag.bind(store);
  return coded;
}
