import type { CfnTemplate } from './template.js';

/** The account every local ARN names; nothing checks it, but ARNs keep their real shape. */
export const LOCAL_ACCOUNT = '000000000000';

/**
 * Physical names and ARNs of the template's resources on this machine. The template has
 * no physical names (CloudFormation would generate them), so each resource is named
 * `${prefix}-${logicalId}`, which stays stable from run to run.
 */
export interface Naming {
  readonly prefix: string;
  readonly region: string;
  /** The physical name of a resource (bucket names are made valid S3 names). */
  name(logicalId: string): string;
  /** The ARN of a resource, in the real format for the types the runtime emulates. */
  arn(logicalId: string): string;
  executionArn(stateMachineName: string, executionName: string): string;
  /** Express executions: names may repeat, so AWS adds an id. */
  expressExecutionArn(stateMachineName: string, executionName: string, id: string): string;
}

export function createNaming(template: CfnTemplate, prefix: string, region: string): Naming {
  const typeOf = (logicalId: string): string => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`The template has no resource ${logicalId}`);
    return resource.Type;
  };
  const name = (logicalId: string): string =>
    typeOf(logicalId) === 'AWS::S3::Bucket' ? bucketName(`${prefix}-${logicalId}`) : `${prefix}-${logicalId}`;

  const arn = (logicalId: string): string => {
    const type = typeOf(logicalId);
    const physical = name(logicalId);
    switch (type) {
      case 'AWS::DynamoDB::Table':
        return `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT}:table/${physical}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${physical}`;
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${physical}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${region}:${LOCAL_ACCOUNT}:stateMachine:${physical}`;
      default: {
        // Nothing local acts on other ARNs; they only need to be unique and well formed.
        const service = type.split('::')[1]?.toLowerCase() ?? 'unknown';
        return `arn:aws:${service}:${region}:${LOCAL_ACCOUNT}:${physical}`;
      }
    }
  };

  return {
    prefix,
    region,
    name,
    arn,
    executionArn: (machine, execution) => `arn:aws:states:${region}:${LOCAL_ACCOUNT}:execution:${machine}:${execution}`,
    expressExecutionArn: (machine, execution, id) => `arn:aws:states:${region}:${LOCAL_ACCOUNT}:express:${machine}:${execution}:${id}`,
  };
}

/** Lower case, only [a-z0-9.-], at most 63 characters, starting and ending alphanumeric. */
export function bucketName(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  // Only an empty or one-letter prefix and id can come out shorter than S3's minimum of 3.
  return cleaned.length >= 3 ? cleaned : `${cleaned}bkt`;
}
