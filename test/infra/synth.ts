import { Template } from 'aws-cdk-lib/assertions';
import { createCallwiseApp } from '../../infra/lib/callwise-app';
import { DEMO_INSTANCE_ARN } from '../../infra/lib/settings';

/** The fallback queue a test deployment passes (a required context key): a queue of its instance. */
export const fallbackQueueOf = (instanceArn: string = DEMO_INSTANCE_ARN) => `${instanceArn}/queue/fallback-0001`;

/**
 * Synthesises the Callwise app with the given context, fast: `bundle: false` skips esbuild (the
 * template is the same apart from asset hashes), and the synth-time validations (CDK's built-in
 * CloudFormation validation, the cdk-nag plugin) are left to nag.test.ts, which runs them once as
 * `cdk synth` does and cdk-nag's rules on every variant.
 */
export function synthCallwise(context: Record<string, unknown> = {}, options: { bundle: boolean } = { bundle: false }) {
  const { app, stack } = createCallwiseApp(
    {
      context: {
        ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
        fallbackQueueArn: fallbackQueueOf(context.connectInstanceArn as string | undefined),
        ...context,
      },
      builtinCloudFormationValidation: false,
    },
    { nag: false },
  );
  const template = Template.fromStack(stack);
  return { app, stack, template };
}

/** The template with everything that changes with the code (asset hashes, version ids, metadata) blanked. */
export function normalisedTemplate(template: Template): unknown {
  const json = JSON.stringify(template.toJSON(), (key, value) => (key === 'Metadata' ? undefined : value));
  return JSON.parse(json.replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '<asset-hash>$1').replace(/CurrentVersion[0-9A-F]{8}[0-9a-f]{32}/g, 'CurrentVersion<hash>'));
}

export type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

/** Every (action, resource) pair a role's inline policies allow; resources as JSON strings. */
export function permissionsOf(template: Template, roleLogicalId: string): { action: string; resource: string; condition?: unknown }[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleLogicalId })),
  );
  const pairs: { action: string; resource: string; condition?: unknown }[] = [];
  for (const policy of policies) {
    for (const s of policy.Properties.PolicyDocument.Statement as Statement[]) {
      if (s.Effect !== 'Allow') continue;
      for (const action of [s.Action].flat()) {
        for (const resource of Array.isArray(s.Resource) ? s.Resource : [s.Resource])
          pairs.push({ action, resource: JSON.stringify(resource), ...(s.Condition ? { condition: s.Condition } : {}) });
      }
    }
  }
  return pairs;
}
