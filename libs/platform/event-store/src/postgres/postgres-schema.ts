/** The schema name is spliced into SQL, so only plain lower-case identifiers are accepted. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const DEFAULT_SCHEMA = 'event_store';

export function validatedSchema(schema: string | undefined): string {
  const name = schema ?? DEFAULT_SCHEMA;
  if (!IDENTIFIER.test(name)) {
    throw new Error(`Invalid event-store schema name "${name}": use lower-case letters, digits and underscores`);
  }
  return name;
}

/** LISTEN/NOTIFY channel the sequencing trigger notifies on (see migrations/001-initial.sql). */
export function notificationChannel(schema: string): string {
  return `stepwell_event_store_${schema}`;
}
