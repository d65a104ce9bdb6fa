import { Aws, type RemovalPolicy } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface DsrKeyProps {
  /** What the key encrypts, shown in the KMS console. */
  readonly description: string;
  /** What happens to the key when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The stack's customer-managed key, with rotation. IAM identities of the account use it
 * through their grants (the default key policy delegates to IAM); AWS services that use it
 * as themselves are let in by the key policy, each scoped to this stack's resources.
 *
 * CloudFormation names the stack's log groups and alarms `<stack name>-<logical id>-<suffix>`
 * (none sets a name; for log groups see the AWS::Logs::LogGroup resource provider's
 * CreateHandler, aws-cloudformation-resource-providers-logs), and naming a resource ARN of the
 * stack in the key policy would make the key depend on resources that depend on it; so the
 * statements match the stack-name prefix.
 */
export class DsrKey extends Key {
  constructor(scope: Construct, id: string, props: DsrKeyProps) {
    super(scope, id, { description: props.description, enableKeyRotation: true, removalPolicy: props.removalPolicy });
    this.allowLogGroups();
    this.denyGrantsOutsideAwsServices();
  }

  /**
   * Only AWS services (DynamoDB, Secrets Manager) create grants on the key for the resources
   * they encrypt; no identity may create one for itself (AWS Control Tower control CT.KMS.PR.3).
   */
  private denyGrantsOutsideAwsServices(): void {
    this.addToResourcePolicy(
      new PolicyStatement({
        sid: 'GrantsOnlyForAwsServices',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );
  }

  /**
   * CloudWatch Logs encrypts a log group's events as its regional service principal, with
   * the log group's ARN as encryption context; without this statement CloudFormation cannot
   * create a log group with the key (CloudWatch Logs guide, "Encrypt log data using AWS KMS").
   */
  private allowLogGroups(): void {
    this.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsForThisStacksLogGroups',
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${Aws.STACK_NAME}-*` },
        },
      }),
    );
  }

  /**
   * CloudWatch asks for a data key as itself when an alarm publishes to an SNS topic
   * encrypted with this key; without this statement the notification is dropped (SNS guide,
   * "Enable compatibility between event sources from AWS services and encrypted topics").
   * Call it where a topic encrypted with this key gets alarm actions.
   */
  allowAlarmNotifications(): void {
    this.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisStackPublishToEncryptedTopics',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${Aws.STACK_NAME}-*` },
        },
      }),
    );
  }
}
