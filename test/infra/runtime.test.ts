import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { CALLWISE_RUNTIME } from '../../infra/lib/callwise-function';

/** The suite runs on the Node.js major the Lambdas run on (node@22 from the registry, installed by npm ci). */
describe('test runtime', () => {
  it('is the Lambda runtime', () => {
    expect(CALLWISE_RUNTIME).toBe(Runtime.NODEJS_22_X);
    expect(`nodejs${process.versions.node.split('.')[0]}.x`).toBe(CALLWISE_RUNTIME.name);
  });
});
