import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A request header by name, whatever its case (API Gateway passes the client's). */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return found?.[1] ?? undefined;
}
