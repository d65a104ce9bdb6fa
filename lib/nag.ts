import { Arn, ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 acknowledgements. They are CDK validation acknowledgements on a construct
 * (they cover the construct and everything under it), so each sits in the construct that
 * creates the resource, next to it, with the reason it is acceptable there.
 *
 * IAM4/IAM5 findings are acknowledged one by one in the `RuleId[Finding]` form
 * (cdk-nag 3 matches them exactly): `wildcard` computes a finding from the very token
 * the grant used, so the acknowledgement follows logical ids instead of hard-coding them.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/** Acknowledges `AwsSolutions-IAM5[...]` findings: wildcard actions or resources. */
export function acknowledgeWildcards(scope: IConstruct, reason: string, findings: string[]): void {
  for (const finding of findings) acknowledge(scope, `AwsSolutions-IAM5[${finding}]`, reason);
}

/** The IAM5 finding for a wildcard action, e.g. `Action::kms:GenerateDataKey*`. */
export function wildcardAction(action: string): string {
  return `Action::${action}`;
}

/**
 * The IAM5 finding for a wildcard resource, e.g. `${table.tableArn}/index/*` becomes
 * `Resource::<RequestStoreRequests61302086.Arn>/index/*` (how cdk-nag flattens it).
 */
export function wildcardResource(scope: IConstruct, resource: string): string {
  return `Resource::${flatten(Stack.of(scope).resolve(resource))}`;
}

/** The resource Step Functions `grantExecution` uses: every execution of a state machine. */
export function executionsOf(stateMachine: IStateMachine): string {
  const stack = Stack.of(stateMachine);
  const name = Arn.split(stateMachine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName;
  return `${stack.formatArn({ service: 'states', resource: 'execution', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME })}:*`;
}

/** cdk-nag's flattening of a CloudFormation value: Ref/GetAtt as `<...>`, joins joined. */
function flatten(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const node = value as Record<string, any>;
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(value);
}

/**
 * A state machine's role: LambdaInvoke grants lambda:InvokeFunction on `<fn.Arn>:*` too
 * (versions and aliases of the same function), and logging and tracing need Resource "*".
 */
export function acknowledgeStateMachineRole(stateMachine: IStateMachine, invoked: IFunction[]): void {
  acknowledgeWildcards(
    stateMachine,
    'Step Functions LambdaInvoke grants lambda:InvokeFunction on <fn.Arn>:* so a task may call a version or alias of the same function; no other function.',
    invoked.map((fn) => wildcardResource(stateMachine, `${fn.functionArn}:*`)),
  );
  acknowledgeWildcards(
    stateMachine,
    'Resource "*" is required by AWS for the X-Ray actions of tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) and the CloudWatch Logs vended-delivery actions of execution logging (logs:*LogDelivery*, logs:PutResourcePolicy, logs:Describe*), which have no resource-level permissions.',
    ['Resource::*'],
  );
}

/**
 * A workflow that runs child state machines with `startExecution.sync:2`: CDK grants
 * DescribeExecution and StopExecution on `execution:<child name>*`, the child's executions
 * (their names are generated per round).
 */
export function acknowledgeStoreRounds(parent: IStateMachine, children: IStateMachine[]): void {
  acknowledgeWildcards(
    parent,
    'startExecution.sync:2 (CDK StepFunctionsStartExecution, RUN_JOB) watches and stops the child executions it starts: DescribeExecution/StopExecution on the executions of those child state machines only; their names are generated per round.',
    children.map((child) => {
      const stack = Stack.of(child);
      const name = Arn.split(child.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName;
      return wildcardResource(parent, stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${name}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
    }),
  );
}

/**
 * Acknowledges a finding of AWS Control Tower's proactive controls (the cfn-guard rules of
 * @cdklabs/cdk-validator-cfnguard), by the guard rule's name, e.g. `s3_bucket_versioning_enabled_check`.
 */
export function acknowledgeControl(scope: IConstruct, guardRule: string, reason: string): void {
  acknowledge(scope, `cdk-validator-cfnguard::${guardRule}`, reason);
}

/**
 * The Control Tower findings every bucket of this stack raises, with why they do not apply,
 * plus the bucket's own (`reasons`, by guard rule name).
 */
export function acknowledgeBucketControls(bucket: IConstruct, reasons: Record<string, string> = {}): void {
  const everyBucket: Record<string, string> = {
    s3_event_notifications_enabled_check:
      'Nothing reacts to object events: the workflow knows every object it writes and deletes, and the audit trail of each step is in the requests table.',
    s3_bucket_object_lock_enabled_check:
      'Object Lock (write once) would block the deletions this system must make: GDPR erasure, expiry of access packages and logs; the append-only record is the audit trail in DynamoDB.',
  };
  for (const [rule, reason] of Object.entries({ ...everyBucket, ...reasons })) acknowledgeControl(bucket, rule, reason);
}
