/**
 * Prices what one request used. Pure: the cost section measures the counts on the local
 * runtime and this turns them into dollars. The prices are approximate list prices (see
 * PRICES); check the AWS pricing pages before relying on them.
 */

/** What one request used, as the cost section measures it. */
export interface RequestUsage {
  /** Step Functions state transitions of the request's Standard executions (workflow and deadline watch). */
  transitions: number;
  /** The request's Express executions (store-work rounds): billed per execution and by duration, not per transition. */
  express: { executions: number; gbSeconds: number };
  lambda: { invocations: number; gbSeconds: number };
  /** SES bills per recipient: an email to two addresses counts twice. */
  emailRecipients: number;
  dynamodb: { writeUnits: number; readUnits: number };
  /** S3 requests by price class (PUT, COPY, POST, LIST / GET and all other; DELETE is free). */
  s3: { putRequests: number; getRequests: number; storedGbMonths: number };
  apiRequests: number;
}

export interface Price {
  service: string;
  usd: number;
  /** The quantity `usd` buys: 1000 transitions, 1 GB-s... */
  per: number;
  unit: string;
}

/**
 * Approximate list prices (USD), eu-west-1 unless the note says otherwise. DynamoDB's are
 * the on-demand prices after the November 2024 cut as listed for US East; Ireland's are
 * somewhat higher. Lambda is the ARM (Graviton) price of the first tier.
 */
export const PRICES = {
  transitions: { service: 'Step Functions standard', usd: 0.025, per: 1_000, unit: 'transitions' },
  expressRequests: { service: 'Step Functions express requests', usd: 1, per: 1_000_000, unit: 'executions' },
  expressDuration: { service: 'Step Functions express duration', usd: 0.00001667, per: 1, unit: 'GB-s' },
  lambdaRequests: { service: 'Lambda requests', usd: 0.2, per: 1_000_000, unit: 'invocations' },
  lambdaCompute: { service: 'Lambda compute (ARM)', usd: 0.0000133334, per: 1, unit: 'GB-s' },
  email: { service: 'SES', usd: 0.1, per: 1_000, unit: 'emails' },
  dynamoWrites: { service: 'DynamoDB on-demand writes', usd: 0.625, per: 1_000_000, unit: 'WRU' },
  dynamoReads: { service: 'DynamoDB on-demand reads', usd: 0.125, per: 1_000_000, unit: 'RRU' },
  s3Put: { service: 'S3 PUT/COPY/POST/LIST', usd: 0.005, per: 1_000, unit: 'requests' },
  s3Get: { service: 'S3 GET and other', usd: 0.0004, per: 1_000, unit: 'requests' },
  s3Storage: { service: 'S3 Standard storage', usd: 0.023, per: 1, unit: 'GB-month' },
  apiRequests: { service: 'API Gateway REST', usd: 3.5, per: 1_000_000, unit: 'requests' },
} as const satisfies Record<string, Price>;

export interface CostRow {
  price: Price;
  count: number;
  cost: number;
}

/** One row per priced item, in PRICES order. */
export function costRows(usage: RequestUsage, prices: Record<keyof typeof PRICES, Price> = PRICES): CostRow[] {
  const counts: Record<keyof typeof PRICES, number> = {
    transitions: usage.transitions,
    expressRequests: usage.express.executions,
    expressDuration: usage.express.gbSeconds,
    lambdaRequests: usage.lambda.invocations,
    lambdaCompute: usage.lambda.gbSeconds,
    email: usage.emailRecipients,
    dynamoWrites: usage.dynamodb.writeUnits,
    dynamoReads: usage.dynamodb.readUnits,
    s3Put: usage.s3.putRequests,
    s3Get: usage.s3.getRequests,
    s3Storage: usage.s3.storedGbMonths,
    apiRequests: usage.apiRequests,
  };
  return (Object.keys(prices) as (keyof typeof PRICES)[]).map((key) => {
    const price = prices[key];
    return { price, count: counts[key], cost: (counts[key] * price.usd) / price.per };
  });
}

export const totalCost = (rows: readonly CostRow[]) => rows.reduce((sum, row) => sum + row.cost, 0);

/** Lambda bills each invocation's duration rounded up to the millisecond, times its memory. */
export function lambdaGbSeconds(invocations: readonly { memorySize: number; durationMs: number }[]): number {
  return invocations.reduce((sum, { memorySize, durationMs }) => sum + (Math.ceil(durationMs) / 1000) * (memorySize / 1024), 0);
}

/** Express memory is billed in 64 MB steps; these rounds carry a few KB of state, so the first step. */
const EXPRESS_MEMORY_GB = 64 / 1024;

/** Express bills each execution's duration rounded up to the next 100 ms, at its memory. */
export function expressGbSeconds(executions: readonly { durationMs: number }[]): number {
  return executions.reduce((sum, { durationMs }) => sum + (Math.ceil(durationMs / 100) / 10) * EXPRESS_MEMORY_GB, 0);
}

/** Bytes kept for `days`, in GB-months (1 GB = 2^30 bytes, a 30-day month). */
export const gbMonths = (bytes: number, days: number) => (bytes / 2 ** 30) * (days / 30);

const count = (value: number) =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : value < 0.01 ? value.toExponential(2) : value.toFixed(2);
export const usd = (value: number) => (value === 0 ? '$0' : value < 0.000001 ? '< $0.000001' : `$${value.toFixed(6)}`);
const dollars = (value: number) => value.toFixed(Math.max(2, (String(value).split('.')[1] ?? '').length));
const unitPrice = (price: Price) =>
  `$${dollars(price.usd)} / ${price.per === 1 ? '' : `${price.per.toLocaleString('en-US')} `}${price.unit}`;

/**
 * A Markdown table with one count and one cost column per request type, the rows of
 * PRICES, and the total. Every column must come from costRows, so the rows line up.
 */
export function formatCostTable(columns: readonly { name: string; rows: readonly CostRow[] }[]): string {
  const header = ['item', 'unit price', ...columns.flatMap(({ name }) => [`${name}: count`, `${name}: cost`])];
  const body = columns[0]!.rows.map((row, i) => [
    row.price.service,
    unitPrice(row.price),
    ...columns.flatMap(({ rows }) => [count(rows[i]!.count), usd(rows[i]!.cost)]),
  ]);
  const total = ['**total**', '', ...columns.flatMap(({ rows }) => ['', `**${usd(totalCost(rows))}**`])];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line), line(total)].join('\n');
}
