import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../../functions/src/platform/settings';

const SECRET_ARN = /^arn:aws[-a-z]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;

/** A complete secret ARN ends with '-' and the 6 characters Secrets Manager appends to the name (CDK's rule too). */
export function isCompleteSecretArn(value: string): boolean {
  return value.startsWith('arn:') && /-[A-Za-z0-9]{6}$/.test(value);
}

export class InvalidSecretReferenceError extends Error {
  constructor(value: string) {
    super(`salesforceSecretArn "${value}" is neither a Secrets Manager secret ARN nor a secret name`);
    this.name = 'InvalidSecretReferenceError';
  }
}

/**
 * The Salesforce JWT credentials: an existing Secrets Manager secret, referenced by ARN (complete or
 * partial) or by name, never created, read or printed here. Its JSON shape is
 * SalesforceCredentialsSchema (functions/src/adapters/salesforce/secrets.ts).
 */
export class SalesforceSecret extends Construct {
  readonly secret: ISecret;

  constructor(scope: Construct, id: string, props: { arnOrName: string }) {
    super(scope, id);
    const value = props.arnOrName;
    if (value.startsWith('arn:')) {
      if (!SECRET_ARN.test(value)) throw new InvalidSecretReferenceError(value);
      this.secret = isCompleteSecretArn(value) ? Secret.fromSecretCompleteArn(this, 'Secret', value) : Secret.fromSecretPartialArn(this, 'Secret', value);
    } else {
      if (!/^[\w/+=.@-]{1,512}$/.test(value)) throw new InvalidSecretReferenceError(value);
      this.secret = Secret.fromSecretNameV2(this, 'Secret', value);
    }
  }

  /** Lets `fn` read the secret (GetSecretValue, DescribeSecret) and tells it where the secret is. */
  connect(fn: IGrantable & { addEnvironment(key: string, value: string): unknown }): void {
    fn.addEnvironment(ENV.salesforceSecretArn, this.secret.secretArn);
    this.secret.grantRead(fn);
  }
}
