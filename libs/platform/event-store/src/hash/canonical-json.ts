/**
 * Canonical JSON: the one byte-exact rendering of a value that every adapter hashes.
 *
 * The value is first normalised exactly as it is stored (a JSON round trip: `toJSON` applied, `undefined`
 * properties dropped, non-finite numbers become null), then rendered with object keys sorted by UTF-16 code
 * units and no whitespace. A JSONB column reorders keys, so sorting makes the hash independent of storage.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError('canonicalJson: value has no JSON form');
  }
  return render(JSON.parse(text) as unknown);
}

function render(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(render).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${render(record[key])}`).join(',')}}`;
}
