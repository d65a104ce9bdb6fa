import type { CfnTemplate } from '../../lib/local-runtime/index.js';

/**
 * A small IAM evaluator for identity policies, enough to judge the stack's Lambda roles:
 * Allow/Deny statements with Action/NotAction and Resource/NotResource (wildcards `*` and
 * `?`; actions case-insensitive, resources case-sensitive) and the condition operators
 * the stack may use. Anything it cannot evaluate throws rather than passing silently.
 */

/** One authorization AWS makes for a call: `action` on one of `resources`, with request context. */
export interface AccessCheck {
  action: string;
  /** Allowed when any one of them is allowed (SES authorizes the address or its domain). */
  resources: string[];
  /** Condition keys of the request (e.g. `dynamodb:LeadingKeys`, `s3:prefix`); names case-insensitive. */
  context?: Record<string, string[]>;
}

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface Decision {
  allowed: boolean;
  /** The resource alternative that was allowed. */
  resource?: string;
  /** The Allow statements that matched it. */
  allowedBy: Statement[];
  /** An explicit Deny that matched, if that is why. */
  deniedBy?: Statement;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** IAM wildcard match: `*` any run of characters, `?` any one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

const actionMatches = (statement: Statement, action: string): boolean =>
  statement.Action !== undefined
    ? list(statement.Action).some((pattern) => wildcardMatch(pattern, action, true))
    : statement.NotAction !== undefined && !list(statement.NotAction).some((pattern) => wildcardMatch(pattern, action, true));

const resourceMatches = (statement: Statement, resource: string): boolean =>
  statement.Resource !== undefined
    ? list(statement.Resource).some((pattern) => wildcardMatch(pattern, resource))
    : statement.NotResource !== undefined && !list(statement.NotResource).some((pattern) => wildcardMatch(pattern, resource));

type Compare = (policyValue: string, requestValue: string) => boolean;

const COMPARES: Record<string, { compare: Compare; negated?: boolean }> = {
  StringEquals: { compare: (p, v) => p === v },
  StringNotEquals: { compare: (p, v) => p === v, negated: true },
  StringEqualsIgnoreCase: { compare: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringNotEqualsIgnoreCase: { compare: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: true },
  StringLike: { compare: (p, v) => wildcardMatch(p, v) },
  StringNotLike: { compare: (p, v) => wildcardMatch(p, v), negated: true },
  ArnEquals: { compare: (p, v) => p === v },
  ArnNotEquals: { compare: (p, v) => p === v, negated: true },
  ArnLike: { compare: (p, v) => wildcardMatch(p, v) },
  ArnNotLike: { compare: (p, v) => wildcardMatch(p, v), negated: true },
  Bool: { compare: (p, v) => p.toLowerCase() === v.toLowerCase() },
};

/** One key of one operator block, with IAM's rules for set operators and absent keys. */
function conditionHolds(operator: string, policyValues: string[], requestValues: string[] | undefined): boolean {
  if (operator === 'Null') {
    const absent = requestValues === undefined || requestValues.length === 0;
    return policyValues.some((value) => (value.toLowerCase() === 'true') === absent);
  }
  const set = /^(ForAllValues|ForAnyValue):/.exec(operator)?.[1];
  let base = set ? operator.slice(set.length + 1) : operator;
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  const rule = COMPARES[base];
  if (!rule) throw new Error(`The IAM evaluator does not support the condition operator ${operator}`);
  const absent = requestValues === undefined || requestValues.length === 0;
  const matchesOne = (value: string) => policyValues.some((policyValue) => rule.compare(policyValue, value));
  // A negated operator matches a value that matches none of the policy's values.
  const accepts = (value: string) => (rule.negated ? !matchesOne(value) : matchesOne(value));
  if (set === 'ForAllValues') return absent || requestValues!.every(accepts);
  if (set === 'ForAnyValue') return !absent && requestValues!.some(accepts);
  if (absent) return ifExists || Boolean(rule.negated);
  return rule.negated ? requestValues!.every(accepts) : requestValues!.some(accepts);
}

function conditionsMatch(statement: Statement, context: Record<string, string[]> = {}): boolean {
  const byKey = new Map(Object.entries(context).map(([key, values]) => [key.toLowerCase(), values]));
  return Object.entries(statement.Condition ?? {}).every(([operator, block]) =>
    Object.entries(block).every(([key, values]) => conditionHolds(operator, list(values as string | string[]).map(String), byKey.get(key.toLowerCase()))),
  );
}

const statementMatches = (statement: Statement, check: AccessCheck, resource: string): boolean =>
  actionMatches(statement, check.action) && resourceMatches(statement, resource) && conditionsMatch(statement, check.context);

/** Allowed when some resource alternative has a matching Allow and no matching Deny. */
export function evaluate(statements: readonly Statement[], check: AccessCheck): Decision {
  let deniedBy: Statement | undefined;
  for (const resource of check.resources) {
    const deny = statements.find((statement) => statement.Effect === 'Deny' && statementMatches(statement, check, resource));
    if (deny) {
      deniedBy ??= deny;
      continue;
    }
    const allowedBy = statements.filter((statement) => statement.Effect === 'Allow' && statementMatches(statement, check, resource));
    if (allowedBy.length > 0) return { allowed: true, resource, allowedBy };
  }
  return { allowed: false, allowedBy: [], deniedBy };
}

/** AWS managed policies the stack's Lambda roles use, as their documents read. */
const AWS_MANAGED: Record<string, Statement[]> = {
  'service-role/AWSLambdaBasicExecutionRole': [
    { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
  ],
};

export interface RolePolicy {
  roleLogicalId: string;
  statements: Statement[];
  /** AWS managed policies attached that the evaluator has no document for (not counted). */
  unknownManagedPolicies: string[];
}

type Resolve = (value: unknown) => unknown;
type Resource = { Type: string; Properties?: Record<string, any> };

/**
 * Every statement that applies to a function's role in the template: AWS::IAM::Policy and
 * AWS::IAM::ManagedPolicy resources attached to it, its inline Policies and managed
 * policies, resolved with `resolve` (the local runtime's resolver, so ARNs match the
 * ones calls are recorded with).
 */
export function functionRolePolicy(template: CfnTemplate, resolve: Resolve, functionLogicalId: string): RolePolicy {
  const resources = template.Resources as Record<string, Resource>;
  const fn = resources[functionLogicalId];
  if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${functionLogicalId} is not a function of the template`);
  const roleLogicalId = fn.Properties?.Role?.['Fn::GetAtt']?.[0] as string | undefined;
  const role = roleLogicalId ? resources[roleLogicalId] : undefined;
  if (!roleLogicalId || role?.Type !== 'AWS::IAM::Role') {
    throw new Error(`${functionLogicalId}: its role is not an AWS::IAM::Role of the template (${JSON.stringify(fn.Properties?.Role)})`);
  }
  if (role.Properties?.PermissionsBoundary) throw new Error(`${roleLogicalId}: permissions boundaries are not evaluated`);
  const roleName = resolve({ Ref: roleLogicalId });
  const attached = (policy: Resource) => list(resolve(policy.Properties?.Roles ?? []) as unknown[]).includes(roleName);

  const documents: unknown[] = [];
  const unknownManagedPolicies: string[] = [];
  for (const inline of list(role.Properties?.Policies)) documents.push(inline.PolicyDocument);
  for (const arn of list(role.Properties?.ManagedPolicyArns)) {
    const ref = (arn as { Ref?: string }).Ref;
    if (ref && resources[ref]?.Type === 'AWS::IAM::ManagedPolicy') {
      documents.push(resources[ref]!.Properties?.PolicyDocument);
      continue;
    }
    const name = String(resolve(arn)).replace(/^arn:[^:]+:iam::aws:policy\//, '');
    if (AWS_MANAGED[name]) documents.push({ Statement: AWS_MANAGED[name] });
    else unknownManagedPolicies.push(name);
  }
  for (const policy of Object.values(resources)) {
    if ((policy.Type === 'AWS::IAM::Policy' || policy.Type === 'AWS::IAM::ManagedPolicy') && attached(policy)) {
      documents.push(policy.Properties?.PolicyDocument);
    }
  }
  const statements = documents.flatMap((document) => list((resolve(document) as { Statement?: Statement | Statement[] }).Statement));
  return { roleLogicalId, statements, unknownManagedPolicies };
}
