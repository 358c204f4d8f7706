import { demoDefaultsLeft } from '../../infra/lib/demo-defaults';
import { synthCallwise } from './synth';

const OWN = {
  connectInstanceArn: 'arn:aws:connect:eu-west-2:444455556666:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  salesforceSecretArn: 'arn:aws:secretsmanager:eu-west-2:444455556666:secret:callwise/salesforce-jwt-Zz9Yy8',
  contactLensBucketName: 'acme-connect-eu',
};

/** CloudFormation's evaluation of the rule, for the one shape it has: Fn::Equals of a parameter (its default) and a literal. */
function deployAllowed(template: {
  Parameters?: Record<string, { Default?: string }>;
  Rules?: Record<string, { Assertions: { Assert: { 'Fn::Equals': [{ Ref: string }, string] } }[] }>;
}): boolean {
  const rule = template.Rules?.RefuseDemoDefaults;
  if (!rule) return true;
  return rule.Assertions.every(({ Assert }) => {
    const [ref, literal] = Assert['Fn::Equals'];
    return template.Parameters?.[ref.Ref]?.Default === literal;
  });
}

describe('cdk deploy refuses the demo defaults (synth keeps them)', () => {
  it('synthesizes with every default, and the template refuses to deploy, naming the three keys to pass', () => {
    const json = synthCallwise().template.toJSON();
    expect(json.Parameters.DemoDefaultsLeft).toEqual({
      Type: 'String',
      Default: 'connectInstanceArn, salesforceSecretArn, contactLensBucketName',
      Description: 'Context keys this template was synthesized with at their demo defaults; cdk deploy refuses while any is listed.',
    });
    expect(json.Rules.RefuseDemoDefaults).toEqual({
      Assertions: [
        {
          Assert: { 'Fn::Equals': [{ Ref: 'DemoDefaultsLeft' }, ''] },
          AssertDescription:
            'Callwise refuses to deploy with demo defaults: pass -c connectInstanceArn=... -c salesforceSecretArn=... -c contactLensBucketName=... (see docs/deploy-aws.md).',
        },
      ],
    });
    expect(deployAllowed(json)).toBe(false);
  });

  it.each([
    [{ connectInstanceArn: OWN.connectInstanceArn }, ['salesforceSecretArn', 'contactLensBucketName']],
    [{ connectInstanceArn: OWN.connectInstanceArn, salesforceSecretArn: OWN.salesforceSecretArn }, ['contactLensBucketName']],
    [{ contactLensBucketName: OWN.contactLensBucketName }, ['connectInstanceArn', 'salesforceSecretArn']],
  ])('with %j given, still refuses, naming only %j', (context, left) => {
    const json = synthCallwise(context).template.toJSON();
    expect(json.Parameters.DemoDefaultsLeft.Default).toBe(left.join(', '));
    expect(deployAllowed(json)).toBe(false);
  });

  it('deploys when the instance, secret and bucket are the deployment’s own: no rule, no parameter', () => {
    const json = synthCallwise(OWN).template.toJSON();
    expect(json.Rules?.RefuseDemoDefaults).toBeUndefined();
    expect(json.Parameters?.DemoDefaultsLeft).toBeUndefined();
    expect(deployAllowed(json)).toBe(true);
  });

  it('counts a demo value passed explicitly as a default left in place', () => {
    expect(
      demoDefaultsLeft({
        connectInstanceArn: OWN.connectInstanceArn,
        salesforceSecret: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-jwt-AbCdEf',
        contactLensBucketName: 'amazon-connect-demo-bucket',
      }),
    ).toEqual(['salesforceSecretArn', 'contactLensBucketName']);
  });
});
