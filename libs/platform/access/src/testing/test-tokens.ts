import { SignJWT, type JWTPayload } from 'jose';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AuthConfig } from '../authentication/auth-config';
import { DEFAULT_CLAIM_NAMES, type OrganisationType, type Role } from '../principal/vocabulary';

export const TEST_ISSUER = 'https://idp.test.stepwell.example';
export const TEST_AUDIENCE = 'stepwell-test';

export interface TestKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicPem: string;
}

/** A P-256 key pair standing in for an identity provider's signing key. */
export function createTestKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function testAuthConfig(keys: TestKeys, overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    keys: { kind: 'public-key', key: keys.publicPem },
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    algorithms: ['ES256'],
    clockToleranceSeconds: 30,
    requiredAcr: [],
    claimNames: { ...DEFAULT_CLAIM_NAMES },
    ...overrides,
  };
}

export interface TestUser {
  user: string;
  org: string;
  orgType: OrganisationType;
  roles: Role[];
  name?: string;
  acr?: string;
}

export const users = {
  gpClinician: { user: 'u-gp-1', org: 'A81001', orgType: 'gp-practice', roles: ['clinician', 'referrer'] },
  therapist: { user: 'u-tt-1', org: 'RXT01', orgType: 'talking-therapies', roles: ['clinician'] },
  crisisClinician: { user: 'u-crisis-1', org: 'RCR01', orgType: 'crisis-team', roles: ['clinician'] },
  linkWorker: { user: 'u-vs-1', org: 'VS0042', orgType: 'voluntary-sector', roles: ['link-worker'] },
  admin: { user: 'u-admin-1', org: 'A81001', orgType: 'gp-practice', roles: ['admin'] },
  gpAdmin: { user: 'u-admin-2', org: 'A81001', orgType: 'gp-practice', roles: ['admin'] },
  auditor: { user: 'u-audit-1', org: 'AUD01', orgType: 'audit', roles: ['auditor'] },
  /** The crisis team's privacy officer: reviews the break-glass uses of RCR01's own staff. */
  crisisAuditor: { user: 'u-audit-rcr', org: 'RCR01', orgType: 'crisis-team', roles: ['auditor'] },
  /** Sees every organisation's break-glass queue and any patient's access log. */
  nationalAuditor: { user: 'u-nataudit-1', org: 'NAT01', orgType: 'audit', roles: ['national-auditor'] },
  /** The talking-therapies service's privacy officer: decides erasures for the people it received referrals for. */
  therapyPrivacyOfficer: { user: 'u-privacy-rxt', org: 'RXT01', orgType: 'talking-therapies', roles: ['privacy-officer'] },
  commissioner: { user: 'u-com-1', org: 'QWE01', orgType: 'commissioner', roles: ['ops'] },
} satisfies Record<string, TestUser>;

export interface MintOptions {
  key?: KeyObject | Uint8Array;
  alg?: string;
  issuer?: string;
  audience?: string;
  /** Seconds since the epoch; default an hour from now. */
  exp?: number;
  nbf?: number;
  /** The `typ` header; default `JWT`; `null` leaves it out. */
  typ?: string | null;
  /** Seconds since the epoch; default now; `null` leaves `iat` out. */
  iat?: number | null;
  extraClaims?: JWTPayload;
}

/** Signs a token the way a provider would, with knobs to make every kind of bad token. */
export async function mintToken(keys: TestKeys, who: TestUser, options: MintOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const names = DEFAULT_CLAIM_NAMES;
  const jwt = new SignJWT({
    [names.displayName]: who.name ?? `Test ${who.user}`,
    [names.organisationId]: who.org,
    [names.organisationType]: who.orgType,
    [names.roles]: who.roles,
    ...(who.acr ? { [names.acr]: who.acr } : {}),
    ...options.extraClaims,
  })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', ...(options.typ === null ? {} : { typ: options.typ ?? 'JWT' }) })
    .setSubject(who.user)
    .setIssuer(options.issuer ?? TEST_ISSUER)
    .setAudience(options.audience ?? TEST_AUDIENCE)
    .setExpirationTime(options.exp ?? now + 3600);
  if (options.iat !== null) jwt.setIssuedAt(options.iat ?? now);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(options.key ?? keys.privateKey);
}

/** An unsecured token (`alg: none`), built by hand because jose will not sign one. */
export function unsecuredToken(who: TestUser): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const names = DEFAULT_CLAIM_NAMES;
  const payload = {
    sub: who.user,
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now,
    exp: now + 3600,
    [names.organisationId]: who.org,
    [names.organisationType]: who.orgType,
    [names.roles]: who.roles,
  };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}
