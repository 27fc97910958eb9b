/** The one thing controllers do with the raw response: set headers (Location, ETag, Idempotent-Replayed). */
export interface HeaderSink {
  setHeader(name: string, value: string): void;
}
