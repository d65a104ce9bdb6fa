import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, PayloadTooLargeError, readBody, sendJson, type LocalServer } from '../http-util.js';
import type { LambdaHost } from '../lambda-host.js';
import { proxyEvent } from './proxy-event.js';
import { matchRoute, type Route } from './routes.js';

/** API Gateway's payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface ApiGatewayOptions {
  port: number;
  /** The bearer token that stands in for a privacy-team member's Cognito ID token. */
  adminToken: string;
  /** The claims an authorized request carries in requestContext.authorizer.claims. */
  claims: Record<string, string>;
  /** Serves requests outside the API (e.g. a web console); returns true when it handled one. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  log: (line: string) => void;
}

interface LambdaResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, Array<string | number | boolean>>;
  body?: string;
  isBase64Encoded?: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time (equal-length digests, so the length leaks nothing either). */
function isAdminToken(header: string | undefined, adminToken: string): boolean {
  if (!header) return false;
  const token = header.replace(/^Bearer\s+/i, '');
  return timingSafeEqual(digest(token), digest(adminToken));
}

const apiError = (res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>) =>
  sendJson(res, status, { error: { code, message } }, headers);

/**
 * Serves the template's REST API routes on 127.0.0.1, turning each request into a Lambda
 * proxy event for the route's handler and its result into the HTTP response. Methods with
 * an authorizer (Cognito user pools) need `Authorization: Bearer <adminToken>`.
 */
export function startApiGateway(routes: readonly Route[], lambda: LambdaHost, options: ApiGatewayOptions): Promise<LocalServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (options.extraRoutes?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const match = matchRoute(routes, method, url.pathname);
    if ('status' in match) {
      if (match.status === 404) return apiError(res, 404, 'not_found', `No route for ${method} ${url.pathname}`);
      return apiError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, { allow: match.allowed.join(', ') });
    }
    const { route, pathParameters } = match;
    const protectedRoute = route.authorizationType !== 'NONE';
    if (protectedRoute && !isAdminToken(req.headers.authorization, options.adminToken)) {
      return apiError(res, 401, 'unauthorized', 'A valid Authorization: Bearer <token> header is required');
    }
    if (route.integration.type === 'mock') {
      res.writeHead(route.integration.statusCode, route.integration.headers);
      return res.end();
    }
    if (route.integration.type === 'unsupported') {
      return apiError(res, 501, 'not_implemented', `The local runtime cannot serve ${route.integration.description}`);
    }
    const body = await readBody(req, MAX_PAYLOAD_BYTES);
    const requestId = randomUUID();
    const event = proxyEvent({ req, url, route, pathParameters, body, requestId, claims: protectedRoute ? options.claims : undefined });
    let result: LambdaResult;
    try {
      result = (await lambda.invoke(route.integration.functionRef, event)) as LambdaResult;
      if (typeof result?.statusCode !== 'number') throw new Error('the handler returned no statusCode');
    } catch (error) {
      options.log(`[api] ${method} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`);
      // API Gateway's answer to a failed or malformed proxy integration.
      return sendJson(res, 502, { message: 'Internal server error' }, { 'x-amzn-requestid': requestId });
    }
    writeResult(res, result, requestId);
  };

  return listen((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof PayloadTooLargeError) {
        res.setHeader('connection', 'close');
        return apiError(res, 413, 'payload_too_large', `Request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes`);
      }
      if (error instanceof URIError) return apiError(res, 400, 'bad_request', 'Malformed URL encoding');
      options.log(`[api] ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      apiError(res, 500, 'internal', 'The local API gateway failed');
    });
  }, options.port);
}

function writeResult(res: ServerResponse, result: LambdaResult, requestId: string): void {
  // As in API Gateway, a header in multiValueHeaders replaces the same one in headers.
  const headers: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(result.headers ?? {})) headers[key.toLowerCase()] = [String(value)];
  for (const [key, values] of Object.entries(result.multiValueHeaders ?? {})) headers[key.toLowerCase()] = values.map(String);
  headers['content-type'] ??= ['application/json'];
  headers['x-amzn-requestid'] = [requestId];
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(result.statusCode, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}
