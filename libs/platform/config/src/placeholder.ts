/**
 * The committed example env files (infra/compose/*.env.example) are public: every secret in them is a placeholder
 * that says `CHANGE-ME` — in plain text (passwords, the OIDC client secret, the password inside a DATABASE_URL) or
 * inside base64 (the key-encryption keys decode to "CHANGE-ME-…"; the audit signing key is the DER of a key whose
 * seed is "CHANGE-ME-…", also given as a PEM or as base64 of the PEM). A production process that still holds one
 * runs with a key or password anyone can read (hazard H-CF1), so loadConfig refuses it.
 */
export const PLACEHOLDER_MARKER = 'CHANGE-ME';

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The base64 inside `text` (PEM armour and whitespace removed), decoded; undefined when it is not base64. */
function decodedBase64(text: string): string | undefined {
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  if (body.length < 8 || !BASE64.test(body)) return undefined;
  return Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64').toString('latin1');
}

/** True when `raw` is, or encodes (base64, PEM, base64 of a PEM), a placeholder of the example files. */
export function holdsPlaceholder(raw: string): boolean {
  let text: string | undefined = raw;
  // Three layers cover base64 of a PEM of a DER; each decoding step only shrinks the text.
  for (let layer = 0; layer < 4 && text !== undefined; layer += 1) {
    if (text.toUpperCase().includes(PLACEHOLDER_MARKER)) return true;
    text = decodedBase64(text);
  }
  return false;
}
