import type { CanActivate } from '@nestjs/common';
import type { DeadLetterStore, MessagePublisher } from '@stepwell/messaging';

export const DEAD_LETTER_OPS_OPTIONS = Symbol('DEAD_LETTER_OPS_OPTIONS');

export interface DeadLetterOpsOptions {
  store: DeadLetterStore;
  /** Publishes a re-driven event to its original topic. */
  publisher: MessagePublisher;
  /**
   * Authorisation hook for both endpoints. The identity work adds an operator role check here; until then a
   * service passes its own guard, and without one the endpoints are open (development only).
   */
  guard?: CanActivate;
}
