import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';

/**
 * One SDK client of each kind per process, created on first use so that the local
 * runtime can point the AWS_ENDPOINT_URL_* variables at its emulators before any handler
 * runs. The SDK retries throttling and 5xx with its standard backoff.
 */
let dynamo: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let ses: SESClient | undefined;
let sfn: SFNClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function s3Client(): S3Client {
  // Local S3 emulators serve buckets by path, not by virtual host: s3rver (the embedded
  // runtime sets AWS_ENDPOINT_URL_S3) and LocalStack (which sets AWS_ENDPOINT_URL in its
  // Lambda containers). Neither variable exists in AWS Lambda.
  s3 ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) });
  return s3;
}

export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}
