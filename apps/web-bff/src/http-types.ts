import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The few Express members the BFF uses, typed structurally as @stepwell/http does (the workspace has no
 * `@types/express`; Nest's Express adapter hands over Express 5 objects, which satisfy these shapes).
 */
export interface BffRequest extends IncomingMessage {
  url: string;
  method: string;
  path: string;
}

export interface BffResponse extends ServerResponse {
  status(code: number): BffResponse;
  type(contentType: string): BffResponse;
  send(body: string): unknown;
  json(body: unknown): unknown;
  sendFile(path: string): void;
}

export type NextFunction = (error?: unknown) => void;
