import type { IncomingMessage } from 'node:http';
import { LOCAL_ACCOUNT } from '../naming.js';
import type { Route } from './routes.js';

/** The API Gateway REST (v1) Lambda proxy event. */
export interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: null;
  requestContext: Record<string, unknown>;
  body: string | null;
  isBase64Encoded: boolean;
}

/** Without binaryMediaTypes API Gateway passes text as is; other bodies arrive base64-encoded. */
function isText(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /[/+](json|xml)$/.test(type) ||
    ['application/x-www-form-urlencoded', 'application/javascript', 'application/graphql'].includes(type)
  );
}

function grouped(pairs: Array<[string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } | undefined {
  if (pairs.length === 0) return undefined;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) {
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

/** 09/Apr/2015:12:34:56 +0000, API Gateway's requestTime format. */
function requestTime(date: Date): string {
  const [, day, month, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(date.toUTCString())!;
  return `${day}/${month}/${year}:${time} +0000`;
}

export function proxyEvent(input: {
  req: IncomingMessage;
  url: URL;
  route: Route;
  pathParameters: Record<string, string>;
  body: Buffer;
  requestId: string;
  claims?: Record<string, string>;
}): ProxyEvent {
  const { req, url, route, body } = input;
  const rawHeaders: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  const headers = grouped(rawHeaders);
  const query = grouped([...url.searchParams]);
  const now = new Date();
  const text = isText(req.headers['content-type']);
  const path = decodeURIComponent(url.pathname);
  return {
    resource: route.resourcePath,
    path,
    httpMethod: req.method ?? 'GET',
    // API Gateway passes headers with their case as received; multi-value ones in both forms.
    headers: headers?.single ?? {},
    multiValueHeaders: headers?.multi ?? {},
    queryStringParameters: query?.single ?? null,
    multiValueQueryStringParameters: query?.multi ?? null,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: route.api,
      resourceId: route.resourcePath,
      resourcePath: route.resourcePath,
      httpMethod: req.method,
      path: `/local${path}`,
      protocol: `HTTP/${req.httpVersion}`,
      stage: 'local',
      requestId: input.requestId,
      extendedRequestId: input.requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now.getTime(),
      domainName: req.headers.host ?? '127.0.0.1',
      identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? null },
      ...(input.claims ? { authorizer: { claims: input.claims } } : {}),
    },
    body: body.length === 0 ? null : text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !text,
  };
}
