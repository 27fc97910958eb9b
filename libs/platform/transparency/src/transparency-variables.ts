import { type Env, type ParseResult, str, type Variable } from '@stepwell/config';
import { parseSigningKey } from './heads/tree-head';

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

const signingKey: Variable<string | undefined> = {
  parse(raw, env: Env): ParseResult<string | undefined> {
    if (!present(raw)) {
      // An ephemeral key (with a warning at start) is for `npm start` and tests only: production names its key.
      return env['NODE_ENV']?.trim() === 'production' ? { ok: false, problem: 'is required when NODE_ENV is production' } : { ok: true, value: undefined };
    }
    try {
      parseSigningKey(raw);
      return { ok: true, value: raw.trim() };
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  },
};

/**
 * The transparency log's variables (every service reads them, through `serviceVariables`):
 * `AUDIT_SIGNING_KEY` (Ed25519 private key, PKCS#8 PEM or base64 of it; required in production; unset elsewhere, a
 * key generated at start and a warning logged) and `AUDIT_HEADS_DIR` (a folder where each signed head is appended,
 * outside the database; unset, heads stay in the database only).
 */
export function transparencyVariables() {
  return {
    AUDIT_SIGNING_KEY: signingKey,
    AUDIT_HEADS_DIR: str({ optional: true }),
  };
}

export interface TransparencyVariables {
  AUDIT_SIGNING_KEY?: string | undefined;
  AUDIT_HEADS_DIR?: string | undefined;
  NODE_ENV?: string;
}
