import type { APIGatewayProxyResult } from 'aws-lambda';

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function html(status: number, body: string): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // No framing (clickjacking on the identity page's Confirm button): CSP for browsers
      // that know frame-ancestors, X-Frame-Options for older ones.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      ...SECURITY_HEADERS,
      // As the pages' own meta tag (see renderPage): their URL goes to no other site.
      'referrer-policy': 'same-origin',
    },
    body,
  };
}

export function redirect(location: string): APIGatewayProxyResult {
  return { statusCode: 302, headers: { location, ...SECURITY_HEADERS }, body: '' };
}
