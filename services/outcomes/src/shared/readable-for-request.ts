import type { ProjectionRunner } from '@stepwell/read-models';
import { OutcomesDomainError } from '../domain';

/**
 * Read-your-writes for a request (issue 12 item 12): resolves once the read models hold `position` (the request's
 * own last write). Past the limit the request answers 503 (`NOT_YET_READABLE`): what it wrote stands, and a retry
 * with the same Idempotency-Key returns it once readable — never a 201 for something a read would not find.
 */
export async function readableForRequest(readModels: ProjectionRunner, position: number | null, timeoutMs = 30_000): Promise<void> {
  try {
    await readModels.waitFor(position, timeoutMs);
  } catch {
    throw new OutcomesDomainError('NOT_YET_READABLE', 'Recorded, but not yet readable: retry with the same Idempotency-Key.', {});
  }
}
