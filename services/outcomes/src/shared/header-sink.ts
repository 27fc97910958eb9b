/** The part of the HTTP response a controller touches when it returns its body through Nest (`passthrough`). */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}
