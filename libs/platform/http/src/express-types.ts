/**
 * The few Express request/response members this library uses, typed structurally so that the workspace needs
 * no `@types/express` (Nest's Express adapter hands us Express 5 objects, which satisfy these shapes).
 */
export interface HttpRequest {
  method: string;
  originalUrl: string;
  route?: { path?: string };
  header(name: string): string | undefined;
}

export interface HttpResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: string): unknown;
}

export type NextFunction = (error?: unknown) => void;
