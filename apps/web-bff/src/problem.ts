import type { BffResponse as Response } from './http-types';

/** The BFF's own refusals as RFC 9457 problems, in the platform's shape (type under the platform's problem base). */
export function sendProblem(res: Response, status: number, slug: string, title: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: `https://stepwell.example/problems/${slug}`, title, status, detail }));
}
