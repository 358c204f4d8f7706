import { z } from 'zod';

/**
 * What the Salesforce JWT bearer sign-in needs, as stored (JSON) in the AWS Secrets Manager secret
 * named by SALESFORCE_SECRET_ARN. The private key never appears in code, templates or logs.
 */
export const SalesforceCredentialsSchema = z.object({
  /** Where the token request goes: https://login.salesforce.com, https://test.salesforce.com, or the org's My Domain URL. */
  loginUrl: z.string().url(),
  /**
   * The JWT audience, whatever host the token request goes to: https://login.salesforce.com (production, the
   * default), https://test.salesforce.com (the default when the login URL is a sandbox's), or an Experience Cloud
   * site URL (OAuth 2.0 JWT Bearer Flow, Salesforce Help).
   */
  audience: z.string().url().optional(),
  /** The External Client App's consumer key (the JWT issuer). */
  clientId: z.string().min(1),
  /** The integration user's username (the JWT subject). */
  username: z.string().min(1),
  /** PEM private key whose certificate is uploaded to the External Client App. */
  privateKey: z.string().includes('PRIVATE KEY', { message: 'expected a PEM private key' }),
});

export type SalesforceCredentials = z.infer<typeof SalesforceCredentialsSchema>;
