import { documentClient, s3Client, sesClient, sfnClient } from '../../functions/shared/aws-clients.js';
import { invokingFunction, type CfnTemplate } from '../../lib/local-runtime/index.js';
import type { AccessCheck } from './policy.js';

/**
 * Records every AWS call the handlers make, as the IAM authorizations AWS would make for
 * it: SDK middleware on the handlers' shared clients (functions/shared/aws-clients.ts;
 * the embedded runtime runs the handlers in this process), attributed to the function
 * by the local runtime's invokingFunction(). Calls made outside any invocation (the
 * test's own) are only counted.
 */

export type Service = 'dynamodb' | 's3' | 'ses' | 'states';

export interface RecordedCall {
  functionLogicalId: string;
  service: Service;
  /** The API operation, e.g. PutItem, or GetObject for a presigned URL. */
  operation: string;
  checks: RecordedCheck[];
  /** A presigned URL: signed now, authorized when the URL is used. */
  presigned: boolean;
  /** 'ok', or the error name the call ended with; undefined while in flight. */
  outcome?: string;
}

export interface RecordedCheck extends AccessCheck {
  /** An authorization AWS makes on the call's behalf (KMS for an SSE-KMS object), not the call's own. */
  derived?: boolean;
}

export interface RecorderOptions {
  template: CfnTemplate;
  /** The local runtime's resolver: names, region and account as the template resolves them. */
  resolve: (value: unknown) => unknown;
  /** The execution a task token belongs to (the runtime's pending callbacks). */
  taskTokenExecution: (taskToken: string) => string | undefined;
}

export interface Recorder {
  readonly calls: RecordedCall[];
  /** Calls made outside any handler invocation. */
  readonly outside: number;
  /** Operations the recorder has no IAM mapping for, as `service:Operation`. */
  readonly unmapped: Set<string>;
  inFlight(): number;
  uninstall(): void;
}

const NAME = 'iamCallRecorder';
type AttributeValue = { S?: string; N?: string; B?: Uint8Array };
type Input = Record<string, any>;

const keyValue = (value: AttributeValue | undefined): string | undefined =>
  value?.S ?? value?.N ?? (value?.B ? Buffer.from(value.B).toString('base64') : undefined);

/** What the recorder needs of the template: tables' keys, buckets' default KMS keys. */
function readTemplate(template: CfnTemplate, resolve: RecorderOptions['resolve']) {
  const tables = new Map<string, { hashKey: string; indexes: Map<string, string> }>();
  const bucketKeys = new Map<string, string>();
  const hashOf = (schema: { AttributeName: string; KeyType: string }[] = []) => schema.find((key) => key.KeyType === 'HASH')?.AttributeName ?? '';
  for (const [logicalId, resource] of Object.entries(template.Resources as Record<string, { Type: string; Properties?: any }>)) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::DynamoDB::Table') {
      const indexes = [...(props.GlobalSecondaryIndexes ?? []), ...(props.LocalSecondaryIndexes ?? [])];
      tables.set(String(resolve({ Ref: logicalId })), {
        hashKey: hashOf(props.KeySchema),
        indexes: new Map(indexes.map((index: any) => [index.IndexName, hashOf(index.KeySchema)])),
      });
    }
    if (resource.Type === 'AWS::S3::Bucket') {
      const rule = props.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;
      if (rule?.SSEAlgorithm === 'aws:kms' && rule.KMSMasterKeyID) bucketKeys.set(String(resolve({ Ref: logicalId })), String(resolve(rule.KMSMasterKeyID)));
    }
  }
  return { tables, bucketKeys };
}

export function installRecorder(options: RecorderOptions): Recorder {
  const region = String(options.resolve({ Ref: 'AWS::Region' }));
  const account = String(options.resolve({ Ref: 'AWS::AccountId' }));
  const { tables, bucketKeys } = readTemplate(options.template, options.resolve);
  const calls: RecordedCall[] = [];
  const unmapped = new Set<string>();
  let outside = 0;

  // DynamoDB ------------------------------------------------------------------------
  const tableArn = (table: string) => `arn:aws:dynamodb:${region}:${account}:table/${table}`;
  /** The partition key values an item call touches, for `dynamodb:LeadingKeys`. */
  const leading = (table: string, item: Record<string, AttributeValue> | undefined) => {
    const value = keyValue(item?.[tables.get(table)?.hashKey ?? '']);
    return value === undefined ? undefined : [value];
  };
  /** The partition key value a Query's key condition names; a placeholder when unreadable. */
  const queryLeading = (input: Input): string[] => {
    const table = tables.get(input.TableName);
    const hashKey = input.IndexName ? table?.indexes.get(input.IndexName) : table?.hashKey;
    const names: Record<string, string> = input.ExpressionAttributeNames ?? {};
    for (const clause of String(input.KeyConditionExpression ?? '').split(/\s+AND\s+/i)) {
      const match = /^\(?\s*([#\w.]+)\s*=\s*(:\w+)\s*\)?$/.exec(clause.trim());
      if (match && (names[match[1]!] ?? match[1]) === hashKey) {
        const value = keyValue(input.ExpressionAttributeValues?.[match[2]!]);
        if (value !== undefined) return [value];
      }
    }
    const legacy = keyValue(input.KeyConditions?.[hashKey ?? '']?.AttributeValueList?.[0]);
    return [legacy ?? '<unreadable key condition>'];
  };
  const item = (action: string, table: string, key: Record<string, AttributeValue> | undefined): RecordedCheck => {
    const keys = leading(table, key);
    return { action: `dynamodb:${action}`, resources: [tableArn(table)], context: keys ? { 'dynamodb:LeadingKeys': keys } : {} };
  };
  const TRANSACT: Record<string, string> = { ConditionCheck: 'ConditionCheckItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', Get: 'GetItem' };

  function dynamodb(operation: string, input: Input): RecordedCheck[] | undefined {
    switch (operation) {
      case 'GetItem':
      case 'UpdateItem':
      case 'DeleteItem':
        return [item(operation, input.TableName, input.Key)];
      case 'PutItem':
        return [item(operation, input.TableName, input.Item)];
      case 'Query':
      case 'Scan': {
        const arn = input.IndexName ? `${tableArn(input.TableName)}/index/${input.IndexName}` : tableArn(input.TableName);
        return [{ action: `dynamodb:${operation}`, resources: [arn], context: operation === 'Query' ? { 'dynamodb:LeadingKeys': queryLeading(input) } : {} }];
      }
      case 'BatchWriteItem':
      case 'BatchGetItem':
        return Object.entries<any>(input.RequestItems ?? {}).map(([table, requests]) => {
          const keyed: Record<string, AttributeValue>[] =
            operation === 'BatchGetItem' ? requests.Keys ?? [] : requests.map((r: any) => r.PutRequest?.Item ?? r.DeleteRequest?.Key);
          const keys = [...new Set(keyed.flatMap((key) => leading(table, key) ?? []))];
          return { action: `dynamodb:${operation}`, resources: [tableArn(table)], context: { 'dynamodb:LeadingKeys': keys } };
        });
      case 'TransactWriteItems':
      case 'TransactGetItems':
        return (input.TransactItems ?? []).flatMap((entry: Input) =>
          Object.entries<Input>(entry).map(([kind, request]) => item(TRANSACT[kind] ?? kind, request.TableName, request.Key ?? request.Item)),
        );
      default:
        return typeof input.TableName === 'string' ? [{ action: `dynamodb:${operation}`, resources: [tableArn(input.TableName)] }] : undefined;
    }
  }

  // S3 ------------------------------------------------------------------------------
  const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
  const object = (action: string, bucket: string, key: string): RecordedCheck => ({ action: `s3:${action}`, resources: [objectArn(bucket, key)] });
  /** The KMS use S3 makes with the caller's permissions for an object under SSE-KMS. */
  const kms = (action: string, bucket: string, input: Input): RecordedCheck[] => {
    const key = input.SSEKMSKeyId ?? bucketKeys.get(bucket);
    if (!key) return [];
    return [{ action: `kms:${action}`, resources: [key], context: { 'kms:ViaService': [`s3.${region}.amazonaws.com`] }, derived: true }];
  };
  const copySource = (source: string) => {
    const [path] = decodeURIComponent(source.replace(/^\//, '')).split('?');
    const slash = path!.indexOf('/');
    return { bucket: path!.slice(0, slash), key: path!.slice(slash + 1) };
  };

  /** Object operations: the IAM action on the object, and the KMS use S3 makes for an SSE-KMS one. */
  const OBJECT_ACTIONS: Record<string, [string, string?]> = {
    GetObject: ['GetObject', 'Decrypt'],
    HeadObject: ['GetObject'],
    PutObject: ['PutObject', 'GenerateDataKey'],
    CreateMultipartUpload: ['PutObject', 'GenerateDataKey'],
    UploadPart: ['PutObject'],
    // S3 decrypts the parts of an SSE-KMS upload to complete it.
    CompleteMultipartUpload: ['PutObject', 'Decrypt'],
    AbortMultipartUpload: ['AbortMultipartUpload'],
    ListParts: ['ListMultipartUploadParts'],
    DeleteObject: ['DeleteObject'],
    GetObjectTagging: ['GetObjectTagging'],
    PutObjectTagging: ['PutObjectTagging'],
  };

  function s3(operation: string, input: Input): RecordedCheck[] | undefined {
    const { Bucket: bucket, Key: key } = input;
    const mapped = OBJECT_ACTIONS[operation];
    if (mapped) return [object(mapped[0], bucket, key), ...(mapped[1] ? kms(mapped[1], bucket, input) : [])];
    switch (operation) {
      case 'DeleteObjects':
        return (input.Delete?.Objects ?? []).map((entry: Input) => object('DeleteObject', bucket, entry.Key));
      case 'CopyObject':
      case 'UploadPartCopy': {
        const source = copySource(String(input.CopySource));
        return [
          object('GetObject', source.bucket, source.key),
          ...kms('Decrypt', source.bucket, {}),
          object('PutObject', bucket, key),
          ...kms(operation === 'CopyObject' ? 'GenerateDataKey' : 'Decrypt', bucket, input),
        ];
      }
      case 'ListObjectsV2':
      case 'ListObjects':
      case 'ListObjectVersions':
        return [
          {
            action: operation === 'ListObjectVersions' ? 's3:ListBucketVersions' : 's3:ListBucket',
            resources: [`arn:aws:s3:::${bucket}`],
            context: input.Prefix === undefined ? {} : { 's3:prefix': [input.Prefix] },
          },
        ];
      case 'HeadBucket':
        return [{ action: 's3:ListBucket', resources: [`arn:aws:s3:::${bucket}`] }];
      default:
        return undefined;
    }
  }

  // SES -----------------------------------------------------------------------------
  const identityArn = (identity: string) => `arn:aws:ses:${region}:${account}:identity/${identity}`;
  function ses(operation: string, input: Input): RecordedCheck[] | undefined {
    if (!/^Send(Raw|Templated|BulkTemplated)?Email$/.test(operation)) return undefined;
    if (input.SourceArn ?? input.FromArn) return [{ action: `ses:${operation}`, resources: [input.SourceArn ?? input.FromArn] }];
    const address = /<([^>]+)>/.exec(String(input.Source ?? ''))?.[1] ?? String(input.Source ?? '').trim();
    const domain = address.slice(address.lastIndexOf('@') + 1);
    // AWS authorizes the send if either identity (the address or its domain) is allowed.
    return [{ action: `ses:${operation}`, resources: [identityArn(address), identityArn(domain)] }];
  }

  // Step Functions --------------------------------------------------------------------
  const machineOf = (executionArn: string) => executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]*$/, '');
  function states(operation: string, input: Input): RecordedCheck[] | undefined {
    switch (operation) {
      case 'StartExecution':
      case 'StartSyncExecution':
      case 'ListExecutions':
      case 'DescribeStateMachine':
        return [{ action: `states:${operation}`, resources: [input.stateMachineArn] }];
      case 'StopExecution':
      case 'DescribeExecution':
      case 'GetExecutionHistory':
        return [{ action: `states:${operation}`, resources: [input.executionArn] }];
      case 'SendTaskSuccess':
      case 'SendTaskFailure':
      case 'SendTaskHeartbeat': {
        // AWS names the state machine of the token's execution when it refuses these.
        const execution = options.taskTokenExecution(String(input.taskToken));
        return [{ action: `states:${operation}`, resources: [execution ? machineOf(execution) : '<task token of no open task>'] }];
      }
      default:
        return undefined;
    }
  }

  const MAPPERS: Record<Service, (operation: string, input: Input) => RecordedCheck[] | undefined> = { dynamodb, s3, ses, states };

  const middleware = (service: Service) => (next: (args: any) => Promise<any>, context: { commandName?: string }) => async (args: { input: Input }) => {
    const caller = invokingFunction();
    if (!caller) {
      outside += 1;
      return next(args);
    }
    const operation = (context.commandName ?? '?').replace(/Command$/, '');
    let checks = MAPPERS[service](operation, args.input);
    if (!checks) {
      unmapped.add(`${service}:${operation}`);
      checks = [{ action: `${service}:${operation}`, resources: ['<no IAM mapping in the recorder>'] }];
    }
    const call: RecordedCall = { functionLogicalId: caller.logicalId, service, operation, checks, presigned: false };
    calls.push(call);
    try {
      const result = await next(args);
      // The presigner runs the client's middleware and stops before sending.
      call.presigned = Boolean(result?.output?.presigned);
      call.outcome = 'ok';
      return result;
    } catch (error) {
      call.outcome = (error as Error)?.name ?? 'Error';
      throw error;
    }
  };

  const clients = { dynamodb: documentClient(), s3: s3Client(), ses: sesClient(), states: sfnClient() };
  for (const [service, client] of Object.entries(clients) as [Service, { middlewareStack: any }][]) {
    client.middlewareStack.add(middleware(service), { step: 'build', name: NAME, override: true });
  }

  return {
    calls,
    get outside() {
      return outside;
    },
    unmapped,
    inFlight: () => calls.filter((call) => call.outcome === undefined).length,
    uninstall() {
      for (const client of Object.values(clients)) client.middlewareStack.remove(NAME);
    },
  };
}
