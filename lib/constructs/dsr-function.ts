import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { checkEnvironment, type EnvironmentOf, type FunctionContract } from '../../functions/shared/contract.js';
import { LAMBDA_BUNDLING } from '../bundling.js';
import { acknowledge, acknowledgeControl, acknowledgeWildcards } from '../nag.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DsrFunctionProps<C extends FunctionContract = FunctionContract> {
  /** The function's contract (`functions/<fn>/contract.ts`): its code folder and environment. */
  readonly contract: C;
  readonly description: string;
  /** The variables the contract declares; checked against it here, at synth. */
  readonly environment: EnvironmentOf<C>;
  /**
   * How long one invocation may run.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /**
   * Key that encrypts the function's log group.
   * @default the log group is encrypted by CloudWatch Logs' own key
   */
  readonly logKey?: IKey;
}

/**
 * A Lambda function of this project: newest Node.js runtime cdk-nag accepts, ARM, ESM
 * bundle without the runtime's AWS SDK (lib/bundling.ts), X-Ray tracing, a log group with retention. The `DsrEntry` metadata tells the
 * local runtime which source module to load for this function.
 */
export class DsrFunction<C extends FunctionContract = FunctionContract> extends NodejsFunction {
  constructor(scope: Construct, id: string, props: DsrFunctionProps<C>) {
    checkEnvironment(props.contract, props.environment);
    const entry = `functions/${props.contract.entry}/index.ts`;
    super(scope, id, {
      entry: path.join(REPO_ROOT, entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'kiara-dsr',
        ...(props.environment as Record<string, string>),
      },
      logGroup: logGroupOf(scope, id, props.logKey),
      bundling: { ...LAMBDA_BUNDLING, mainFields: [...LAMBDA_BUNDLING.mainFields], externalModules: [...LAMBDA_BUNDLING.externalModules] },
    });
    (this.node.defaultChild as CfnResource).addMetadata('DsrEntry', entry);
    acknowledgeControl(
      this,
      'lambda_inside_vpc_check',
      'The function calls only AWS APIs (DynamoDB, S3, SES, Step Functions, Secrets Manager), over TLS and authorised by IAM, and reaches no resource in a VPC; a VPC would add NAT gateways or endpoints without narrowing that access.',
    );

    if (this.role) {
      acknowledge(
        this.role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AWS managed policy limited to logs:CreateLogGroup/CreateLogStream/PutLogEvents, which is all a Lambda needs to write its own log group.',
      );
      acknowledgeWildcards(
        this.role,
        'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, AWS requires Resource "*".',
        ['Resource::*'],
      );
    }
  }

  /**
   * Acknowledges the wildcard actions a CDK grant on a customer-managed key adds
   * (kms:GenerateDataKey*, kms:ReEncrypt*): they stay scoped to that one key's ARN.
   */
  acknowledgeKeyGrant(keyDescription: string): void {
    if (!this.role) return;
    acknowledgeWildcards(
      this.role,
      `CDK grant on ${keyDescription}: kms:GenerateDataKey* and kms:ReEncrypt* are the encrypt-side data-key actions, on that key's ARN only.`,
      ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
    );
  }
}

/** The function's log group: its logs carry ids, counts and codes, kept three months. */
function logGroupOf(scope: Construct, id: string, key: IKey | undefined): LogGroup {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.THREE_MONTHS, encryptionKey: key, removalPolicy: RemovalPolicy.DESTROY });
  acknowledgeControl(
    logGroup,
    'cloudwatch_log_group_retention_period_check',
    'Lambda logs carry request ids, counts and error codes; three months covers investigating a run, and the record of each request is its audit trail in the requests table, kept recordRetentionYears. Keeping logs no longer is data minimisation.',
  );
  return logGroup;
}
