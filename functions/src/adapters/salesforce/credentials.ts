import { z } from 'zod';

/**
 * What the Salesforce JWT bearer sign-in needs, as stored (JSON) in the AWS Secrets Manager secret
 * named by SALESFORCE_SECRET_ARN. The private key never appears in code, templates or logs.
 */
export const SalesforceCredentialsSchema = z.object({
  /** https://login.salesforce.com, https://test.salesforce.com, or a My Domain URL (the JWT audience and token endpoint). */
  loginUrl: z.string().url(),
  /** The connected app's consumer key (the JWT issuer). */
  clientId: z.string().min(1),
  /** The integration user's username (the JWT subject). */
  username: z.string().min(1),
  /** PEM private key whose certificate is uploaded to the connected app. */
  privateKey: z.string().includes('PRIVATE KEY', { message: 'expected a PEM private key' }),
});

export type SalesforceCredentials = z.infer<typeof SalesforceCredentialsSchema>;
