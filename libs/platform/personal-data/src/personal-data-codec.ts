import type { EventCodec, NewEvent, RecordedEvent } from '@stepwell/event-store';
import type { DataKeyStore } from './data-key-store';
import { ERASED, fieldContext, openField, parseSealed, sealField, type SealedValue } from './field-cipher';

/**
 * The personal and free-text fields of each event type, by type name: fields of `data` (or, with a dot, a field of
 * one of its object fields: `riskIndicators.notes`) sealed with the person's key. Declared beside the event types
 * (e.g. `REFERRAL_PERSONAL_FIELDS` in a service's domain), read by the codec on every append and read.
 */
export type PersonalFields = Readonly<Record<string, readonly string[]>>;

/** An event with personal fields does not say whose they are (`metadata.patientSubjectId`): nothing is written. */
export class PersonalDataWithoutSubjectError extends Error {
  readonly code = 'PERSONAL_DATA_WITHOUT_SUBJECT' as const;

  constructor(readonly eventType: string) {
    super(`A ${eventType} event carries personal fields but no patientSubjectId: they cannot be encrypted`);
    this.name = 'PersonalDataWithoutSubjectError';
  }
}

/** A sealed field names a key that is neither held nor shredded: lost, not erased. Never read as `[erased]`. */
export class DataKeyMissingError extends Error {
  readonly code = 'DATA_KEY_MISSING' as const;

  constructor(readonly keyId: string) {
    super(`Data key ${keyId} is neither in the key store nor shredded`);
    this.name = 'DataKeyMissingError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a field path (`reason`, `riskIndicators.notes`), undefined when any step is missing. */
function valueAt(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A copy of `data` with the value at `path` replaced (only the objects along the path are copied). */
function withValueAt(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...data, [head]: value };
  const inner = data[head];
  return isRecord(inner) ? { ...data, [head]: withValueAt(inner, rest.join('.'), value) } : data;
}

/**
 * The event-store codec of personal data: on append, every marked field that holds a value is sealed with the
 * person's data-encryption key (AES-256-GCM, random IV, stream + event id + field as associated data); on read it is
 * opened again, or reads as `[erased]` when the person's key was shredded. Marked fields stored in clear text before
 * encryption existed are read as they are (see the README's migration path). The hash chain covers the sealed form.
 */
export class PersonalDataCodec implements EventCodec {
  constructor(
    private readonly keys: DataKeyStore,
    private readonly fields: PersonalFields,
  ) {}

  async encode(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    const keysBySubject = new Map<string, { keyId: string; key: Buffer }>();
    const encoded: NewEvent[] = [];
    for (const event of events) {
      const names = this.fields[event.type] ?? [];
      const data = event.data;
      const present = isRecord(data) ? names.filter((name) => valueAt(data, name) !== undefined && valueAt(data, name) !== null) : [];
      if (!isRecord(data) || present.length === 0) {
        encoded.push(event);
        continue;
      }
      const subject = event.metadata.patientSubjectId;
      if (!subject) throw new PersonalDataWithoutSubjectError(event.type);
      let key = keysBySubject.get(subject);
      if (!key) {
        key = await this.keys.keyFor(subject);
        keysBySubject.set(subject, key);
      }
      let sealed: Record<string, unknown> = data;
      for (const name of present) sealed = withValueAt(sealed, name, sealField(key.key, key.keyId, valueAt(data, name), fieldContext(streamId, event.id, name)));
      encoded.push({ ...event, data: sealed });
    }
    return encoded;
  }

  async decode(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const sealedFields = events.map((event) => this.sealedFieldsOf(event));
    const keyIds = new Set(sealedFields.flatMap((fields) => fields.map(([, sealed]) => sealed.keyId)));
    if (keyIds.size === 0) return [...events];
    const keys = await this.keys.lookup([...keyIds]);
    return events.map((event, index) => {
      const fields = sealedFields[index] ?? [];
      if (fields.length === 0) return event;
      let data = event.data as Record<string, unknown>;
      for (const [name, sealed] of fields) {
        const found = keys.get(sealed.keyId);
        if (!found) throw new DataKeyMissingError(sealed.keyId);
        data = withValueAt(data, name, found.kind === 'shredded' ? ERASED : openField(found.key, sealed, fieldContext(event.streamId, event.id, name)));
      }
      return { ...event, data };
    });
  }

  /** Only marked fields are opened: a value that merely looks sealed elsewhere is data like any other. */
  private sealedFieldsOf(event: RecordedEvent): Array<[string, SealedValue]> {
    const names = this.fields[event.type];
    if (!names || !isRecord(event.data)) return [];
    const data = event.data;
    return names.flatMap((name): Array<[string, SealedValue]> => {
      const sealed = parseSealed(valueAt(data, name));
      return sealed ? [[name, sealed]] : [];
    });
  }

  close(): Promise<void> {
    return this.keys.close();
  }
}
