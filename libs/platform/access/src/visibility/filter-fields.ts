import type { OrganisationType } from '../principal/vocabulary';
import type { FieldPolicy, VisibilityOptions } from './visibility.decorator';

type RecordLike = Record<string, unknown>;

function pick(record: unknown, fields: readonly string[]): unknown {
  if (typeof record !== 'object' || record === null) return record;
  const source = record as RecordLike;
  const result: RecordLike = {};
  for (const field of fields) if (Object.hasOwn(source, field)) result[field] = source[field];
  return result;
}

/** Fields an organisation type may see under a policy, `'*'`, or undefined when it may see none. */
export function visibleFields(policy: FieldPolicy, organisationType: OrganisationType): readonly string[] | '*' | undefined {
  return policy[organisationType];
}

/** Applies a field policy to a response body: a record, an array of records, or a list envelope. */
export function filterFields(body: unknown, fields: readonly string[] | '*', options: VisibilityOptions = {}): unknown {
  if (fields === '*') return body;
  const filterList = (list: unknown): unknown => (Array.isArray(list) ? list.map((item) => pick(item, fields)) : pick(list, fields));
  if (options.itemsField && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const envelope = body as RecordLike;
    return { ...envelope, [options.itemsField]: filterList(envelope[options.itemsField]) };
  }
  return filterList(body);
}
