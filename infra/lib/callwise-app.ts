import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CallwiseStack } from './callwise-stack';
import { readSettings } from './settings';

export const STACK_NAME = 'Callwise';

/**
 * The CDK app: settings from context, one stack in the Connect instance's account and region
 * (a fixed env, so synth needs no AWS credentials), checked by cdk-nag's AWS Solutions rules on
 * every synth. Tests may leave the plugin out (`nag: false`) and call
 * `new AwsSolutionsChecks(app).validateScope(app)` themselves: the same rules, without the CDK
 * validation report that adds seconds to each synth.
 */
export function createCallwiseApp(props: AppProps = {}, options: { nag?: boolean } = {}): { app: App; stack: CallwiseStack } {
  const app = new App(props);
  const settings = readSettings((key) => app.node.tryGetContext(key));
  const stack = new CallwiseStack(app, STACK_NAME, { settings, env: { account: settings.account, region: settings.region } });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
