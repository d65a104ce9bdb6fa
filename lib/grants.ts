import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { sentMailIndex } from '../functions/core/request/keys.js';
import type { DsrFunction } from './constructs/dsr-function.js';
import { acknowledgeWildcards, wildcardResource } from './nag.js';

/** DynamoDB item operations the handlers make. Never granted: Scan, PartiQL, table administration. */
export type ItemOperation = 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

/**
 * What a Lambda does with the requests table, as the fewest operations that allow it.
 * Audit events are conditional puts; only the retention purge is granted batch writes
 * there, and besides it only Lambdas that send email may delete (a failed send gives
 * back its once-only marker).
 */
export const REQUESTS_TABLE_ACCESS = {
  /** Reads a request, its steps, events and progress. */
  read: ['GetItem', 'Query'],
  /** Also appends items: audit events. */
  append: ['GetItem', 'Query', 'PutItem'],
  /** Also updates a request's status, steps and results. */
  write: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  /** Also sends email once: deletes the `MAIL#` marker of a send that failed. */
  writeAndMail: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  /** The retention purge alone: finds expired records, deletes their partitions whole. */
  purge: ['Query', 'BatchWriteItem', 'DeleteItem'],
} as const satisfies Record<string, readonly ItemOperation[]>;

/**
 * Grants exactly these item operations on the table and its indexes, and the table key's
 * decrypt (reads) or encrypt and decrypt (writes), instead of the CDK's read/write groups;
 * and acknowledges, next to the grant, the two cdk-nag findings it always raises (the
 * `<table>/index/*` resource, the key's data-key wildcards). `what` names the table.
 */
export function grantItems(table: ITable, fn: DsrFunction, operations: readonly ItemOperation[], what: string): void {
  table.grant(fn, ...operations.map((operation) => `dynamodb:${operation}`));
  acknowledgeWildcards(fn, `Item operations on ${what}: the grant covers <table>/index/*, the ARN queries on its indexes need; no other table.`, [
    wildcardResource(fn, `${table.tableArn}/index/*`),
  ]);
  const writes = operations.some((operation) => operation !== 'GetItem' && operation !== 'Query');
  if (writes && table.encryptionKey) {
    table.encryptionKey.grantEncryptDecrypt(fn);
    fn.acknowledgeKeyGrant(`${what}'s key`);
  } else {
    table.encryptionKey?.grantDecrypt(fn);
  }
}

/**
 * What the intake use case (functions/intake/accept.ts) does, for each channel that calls
 * it: get/put/update its items (request, audit event, the person's limit window and
 * claims), no queries, no batch writes; it deletes only a person item it created for a
 * delivery that turned out to be no new request (keys `PERSON#...`). A LeadingKeys
 * condition has no CDK grant, so these two statements are written out, on this one table.
 */
export function grantIntakeItems(table: ITable, fn: DsrFunction): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:DeleteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERSON#*'] } },
    }),
  );
  table.encryptionKey?.grantEncryptDecrypt(fn);
  fn.acknowledgeKeyGrant('the requests table key');
}

/**
 * Queries on the sent-mail index only (a reply's In-Reply-To finds its request), not on the
 * table or its other indexes: the CDK's table grant covers every index, so this one
 * statement is written out. The key's decrypt comes with the function's other table grant.
 */
export function grantSentMailLookup(table: ITable, fn: DsrFunction): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${sentMailIndex.name}`] }),
  );
}
