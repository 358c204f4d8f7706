import { CfnParameter, CfnRule, Fn, type Stack } from 'aws-cdk-lib';
import { CONTEXT_DEFAULTS, type CallwiseSettings } from './settings';

/** The context keys whose defaults name the demo's resources (instance, secret, bucket), not yours. */
export const DEMO_CONTEXT_KEYS = ['connectInstanceArn', 'salesforceSecretArn', 'contactLensBucketName'] as const;

/** Which of those keys the settings leave at their demo default (given or not). */
export function demoDefaultsLeft(settings: Pick<CallwiseSettings, 'connectInstanceArn' | 'salesforceSecret' | 'contactLensBucketName'>): string[] {
  const values: Record<(typeof DEMO_CONTEXT_KEYS)[number], string> = {
    connectInstanceArn: settings.connectInstanceArn,
    salesforceSecretArn: settings.salesforceSecret,
    contactLensBucketName: settings.contactLensBucketName,
  };
  return DEMO_CONTEXT_KEYS.filter((key) => values[key] === CONTEXT_DEFAULTS[key]);
}

/**
 * Synth keeps the demo defaults (tests, `npm run synth`), deploy does not: with any of them left, the
 * template carries a CloudFormation rule whose assertion fails, naming the keys to pass, before any
 * resource is created or updated ("CloudFormation template Rules syntax", AWS CloudFormation User Guide).
 * The rule tests a parameter whose default lists those keys, as CDK's own CheckBootstrapVersion rule does.
 */
export function refuseDemoDefaults(stack: Stack, settings: CallwiseSettings): void {
  const left = demoDefaultsLeft(settings);
  if (left.length === 0) return;
  const keys = new CfnParameter(stack, 'DemoDefaultsLeft', {
    type: 'String',
    default: left.join(', '),
    description: 'Context keys this template was synthesized with at their demo defaults; cdk deploy refuses while any is listed.',
  });
  new CfnRule(stack, 'RefuseDemoDefaults', {
    assertions: [
      {
        assert: Fn.conditionEquals(keys.valueAsString, ''),
        assertDescription: `Callwise refuses to deploy with demo defaults: pass ${left.map((key) => `-c ${key}=...`).join(' ')} (see docs/deploy-aws.md).`,
      },
    ],
  });
}
