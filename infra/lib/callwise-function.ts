import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLE_ALIASES } from './bundling';
import { ENV } from '../../functions/src/platform/settings';

/** Service name and metrics namespace every Lambda reports under (Powertools). */
export const SERVICE_NAME = 'callwise';
export const METRICS_NAMESPACE = 'Callwise';

const REPO_ROOT = path.join(__dirname, '..', '..');

/** The Lambda runtime; the test suite runs on the same Node.js major (node@22 is a devDependency). */
export const CALLWISE_RUNTIME = Runtime.NODEJS_22_X;

export interface CallwiseFunctionProps {
  /** Handler file name under functions/src/handlers/, without extension: 'route-call'. */
  handlerName: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
}

/**
 * The one Lambda shape of Callwise: ARM64, Node.js 22, X-Ray tracing, its own log group with
 * retention, local esbuild bundling (minified, source maps, AWS SDK left to the runtime), and a role
 * that starts with nothing but writing its own logs (no managed policy).
 */
export class CallwiseFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CallwiseFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Callwise ${props.handlerName}: only what this function needs`,
    });
    super(scope, id, {
      entry: path.join(REPO_ROOT, 'functions', 'src', 'handlers', `${props.handlerName}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: CALLWISE_RUNTIME,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      timeout: props.timeout,
      memorySize: props.memorySize,
      logGroup,
      role,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        [ENV.serviceName]: SERVICE_NAME,
        [ENV.metricsNamespace]: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        target: 'node22',
        format: OutputFormat.CJS,
        externalModules: ['@aws-sdk/*'],
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([module, file]): [string, string] => [`--alias:${module}`, file])),
        forceDockerBundling: false,
        // esbuild reports errors only (a failed bundle still fails the synth with its message).
        logLevel: LogLevel.ERROR,
      },
    });
    logGroup.grantWrite(role);
  }
}
