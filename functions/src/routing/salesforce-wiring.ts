import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SalesforceCallerDirectory } from '../adapters/salesforce/caller-directory';
import { connectSalesforce } from '../adapters/salesforce/connection';
import { loadSalesforceCredentials } from '../adapters/salesforce/secrets';
import type { CallerDirectory, Clock } from '../ports';

/** Salesforce must answer within this, or the call is routed by the fallback. */
const SALESFORCE_TIMEOUT_MS = 1500;

export interface SalesforceDirectorySettings {
  secretArn: string;
  clock: Clock;
  defaultCountry: string;
  personAccounts: boolean;
}

/**
 * route-call's Salesforce side, loaded only when a caller is not in the cache (see
 * route-call-runtime.ts): jsforce and the Secrets Manager client are most of the bundle's load time.
 */
export async function connectCallerDirectory(settings: SalesforceDirectorySettings): Promise<CallerDirectory> {
  const secrets = new SecretsManagerClient({});
  // Credentials are read at each sign-in, so a rotated key is picked up without a redeploy.
  const salesforce = await connectSalesforce(() => loadSalesforceCredentials(secrets, settings.secretArn), { timeoutMs: SALESFORCE_TIMEOUT_MS });
  return new SalesforceCallerDirectory(salesforce, settings.clock, { defaultCountry: settings.defaultCountry, personAccounts: settings.personAccounts });
}
