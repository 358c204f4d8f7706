import { createSign } from 'node:crypto';
import { Connection } from 'jsforce';
import { SALESFORCE_API_VERSION } from '../../functions/src/adapters/salesforce/api';
import type { SalesforceCredentials } from '../../functions/src/adapters/salesforce/secrets';
import { jwtAudience } from '../../functions/src/adapters/salesforce/jwt-auth';
import { createTestCredentials } from './auth';

/** Signs in to the emulator as the adapters do (JWT bearer through jsforce); for tests and local tools. */

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface AssertionOverrides {
  iss?: string;
  sub?: string;
  aud?: string;
  /** Seconds since the epoch. */
  exp?: number;
  privateKey?: string;
}

export function signJwtAssertion(credentials: SalesforceCredentials, overrides: AssertionOverrides = {}): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    iss: overrides.iss ?? credentials.clientId,
    sub: overrides.sub ?? credentials.username,
    aud: overrides.aud ?? jwtAudience(credentials),
    exp: overrides.exp ?? Math.floor(Date.now() / 1000) + 180,
  };
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256')
    .update(unsigned)
    .sign(overrides.privateKey ?? credentials.privateKey)
    .toString('base64url');
  return `${unsigned}.${signature}`;
}

/** A jsforce Connection signed in to the emulator at `url`. */
export async function connectToEmulator(url: string, version = SALESFORCE_API_VERSION): Promise<Connection> {
  const credentials = createTestCredentials(url);
  const conn = new Connection({ loginUrl: url, version });
  await conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: signJwtAssertion(credentials) });
  return conn;
}
