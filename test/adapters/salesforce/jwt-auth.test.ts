import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ASSERTION_LIFETIME_SECONDS,
  JWT_BEARER_GRANT,
  jwtAudience,
  signInWithJwt,
  signJwtAssertion,
} from '../../../functions/src/adapters/salesforce/jwt-auth';
import type { SalesforceCredentials } from '../../../functions/src/adapters/salesforce/secrets';
import { SalesforceAuthError } from '../../../functions/src/adapters/salesforce/api';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const credentials = (overrides: Partial<SalesforceCredentials> = {}): SalesforceCredentials => ({
  loginUrl: 'https://login.salesforce.com/',
  clientId: '3MVG9-consumer-key',
  username: 'integration@callwise.example',
  privateKey: PEM,
  ...overrides,
});
const NOW = Date.parse('2026-11-27T15:00:00.000Z');

function decode(assertion: string) {
  const [header = '', claims = '', signature = ''] = assertion.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>,
    signed: `${header}.${claims}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

describe('signJwtAssertion', () => {
  it('signs RS256 claims for the JWT bearer flow that verify with the certificate public key', () => {
    const jwt = decode(signJwtAssertion(credentials(), NOW));
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(jwt.claims).toEqual({
      iss: '3MVG9-consumer-key',
      sub: 'integration@callwise.example',
      aud: 'https://login.salesforce.com',
      exp: NOW / 1000 + ASSERTION_LIFETIME_SECONDS,
    });
    expect(verify('sha256', Buffer.from(jwt.signed), publicKey, jwt.signature)).toBe(true);
  });

  it('does not verify with another key, nor once the claims are changed', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const jwt = decode(signJwtAssertion(credentials(), NOW));
    expect(verify('sha256', Buffer.from(jwt.signed), other, jwt.signature)).toBe(false);
    expect(verify('sha256', Buffer.from(`${jwt.signed}x`), publicKey, jwt.signature)).toBe(false);
  });

  // OAuth 2.0 JWT Bearer Flow (Salesforce Help): aud is login.salesforce.com, test.salesforce.com or an Experience Cloud site.
  it.each([
    ['production login URL', { loginUrl: 'https://login.salesforce.com' }, 'https://login.salesforce.com'],
    ['a My Domain login URL', { loginUrl: 'https://acme.my.salesforce.com' }, 'https://login.salesforce.com'],
    ['the sandbox login URL', { loginUrl: 'https://test.salesforce.com/' }, 'https://test.salesforce.com'],
    ['a sandbox My Domain', { loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' }, 'https://test.salesforce.com'],
    [
      'an audience set in the secret',
      { loginUrl: 'https://acme.my.salesforce.com', audience: 'https://acme.my.site.com/support/' },
      'https://acme.my.site.com/support',
    ],
  ])('the audience for %s is independent of the token host', (_label, given, audience) => {
    expect(jwtAudience(given)).toBe(audience);
    expect(decode(signJwtAssertion(credentials(given), NOW)).claims.aud).toBe(audience);
  });

  it('expires three minutes after now (whole seconds)', () => {
    expect(decode(signJwtAssertion(credentials(), NOW + 999)).claims.exp).toBe(Math.floor((NOW + 999) / 1000) + 180);
  });

  it('accepts a key pasted on one line with literal \\n', () => {
    const oneLine = PEM.replace(/\n/g, '\\n');
    const jwt = decode(signJwtAssertion(credentials({ privateKey: oneLine }), NOW));
    expect(verify('sha256', Buffer.from(jwt.signed), publicKey, jwt.signature)).toBe(true);
  });

  it.each([
    ['not a key', '-----BEGIN PRIVATE KEY-----\nnot-base64-secret-material\n-----END PRIVATE KEY-----'],
    ['an EC key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
  ])('refuses %s with SalesforceAuthError naming no key material', (_, key) => {
    let error: unknown;
    try {
      signJwtAssertion(credentials({ privateKey: key }), NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect((error as SalesforceAuthError).errorCode).toBe('invalid_key');
    expect((error as Error).message).not.toMatch(/secret-material|MII/);
  });
});

describe('signInWithJwt against a token endpoint (real jsforce over HTTP)', () => {
  let server: Server;
  let url = '';
  let respond: (req: IncomingMessage, body: string, res: ServerResponse) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => respond(req, body, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the assertion with the JWT bearer grant and signs in on the instance URL', async () => {
    let form = new URLSearchParams();
    respond = (req, body, res) => {
      form = new URLSearchParams(body);
      expect(req.url).toBe('/services/oauth2/token');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ access_token: 'token-1', instance_url: `${url}/`, id: `${url}/id/00D000000000001AAA/005000000000001AAA`, token_type: 'Bearer' }),
      );
    };
    const connection = await signInWithJwt(credentials({ loginUrl: url }), { timeoutMs: 2000 });
    expect(form.get('grant_type')).toBe(JWT_BEARER_GRANT);
    expect(decode(form.get('assertion')!).claims).toMatchObject({ aud: 'https://login.salesforce.com', sub: 'integration@callwise.example' });
    expect(connection.accessToken).toBe('token-1');
    expect(connection.version).toBe('62.0');
  });

  it('turns invalid_grant into SalesforceAuthError without the username, client id or key', async () => {
    respond = (_req, _body, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: 'invalid_grant', error_description: "user hasn't approved this consumer: integration@callwise.example / 3MVG9-consumer-key" }),
      );
    };
    const error = await signInWithJwt(credentials({ loginUrl: url }), { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(error).toMatchObject({ name: 'SalesforceAuthError', errorCode: 'invalid_grant', retryable: false });
    expect((error as Error).message).toMatch(/invalid_grant.*approved.*certificate.*audience is https:\/\/login\.salesforce\.com/);
    expect((error as Error).message).not.toMatch(/integration@|3MVG9|PRIVATE KEY/);
  });

  it('gives up after the timeout when the token endpoint does not answer', async () => {
    respond = () => undefined;
    // The endpoint never answers: only the 200 ms timer can end the sign-in.
    const error = await signInWithJwt(credentials({ loginUrl: url }), { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SalesforceAuthError', errorCode: 'timeout', retryable: true });
  });

  it('refuses a plain http:// login URL that is not loopback, before any request', async () => {
    const error = await signInWithJwt(credentials({ loginUrl: 'http://login.salesforce.com' }), { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SalesforceAuthError', errorCode: 'insecure_login_url', retryable: false });
    expect((error as Error).message).toBe('Salesforce loginUrl must be an https:// URL (http:// only for a local emulator on 127.0.0.1 or localhost)');
  });

  it('reports an unreachable login URL as a network error', async () => {
    const error = await signInWithJwt(credentials({ loginUrl: 'http://127.0.0.1:1' }), { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SalesforceAuthError', errorCode: 'network_error', retryable: true });
  });
});
