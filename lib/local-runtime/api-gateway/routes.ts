import type { Resolve } from '../intrinsics.js';
import { resourcesOfType, type CfnTemplate } from '../template.js';

export type Integration =
  | { type: 'lambda'; functionRef: string }
  /** CDK's CORS preflight methods: a fixed answer from the integration response. */
  | { type: 'mock'; statusCode: number; headers: Record<string, string> }
  | { type: 'unsupported'; description: string };

export interface Route {
  /** Logical id of the AWS::ApiGateway::RestApi. */
  api: string;
  /** The API Gateway resource path, e.g. /v1/requests/{requestId}. */
  resourcePath: string;
  segments: string[];
  /** Upper-case HTTP method or ANY. */
  method: string;
  authorizationType: string;
  integration: Integration;
}

export type RouteMatch =
  | { route: Route; pathParameters: Record<string, string> }
  | { status: 404 }
  | { status: 405; allowed: string[] };

type Ref = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

/**
 * Reads the routes of every REST API in the template from its Resource and Method
 * resources (paths follow the ParentId chains up to the API's root resource). All APIs
 * are served from one local origin, so two APIs may not share a method and path.
 */
export function readRoutes(template: CfnTemplate, resolve: Resolve): Route[] {
  const resources = new Map(
    resourcesOfType(template, 'AWS::ApiGateway::Resource').map(([id, r]) => [id, r.Properties as { ParentId: Ref; PathPart: string }]),
  );
  const pathOf = (ref: Ref, seen: string[] = []): string => {
    if (ref['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
    const id = ref.Ref;
    const resource = id ? resources.get(id) : undefined;
    if (!id || !resource || seen.includes(id)) throw new Error(`Cannot follow API Gateway resource ${JSON.stringify(ref)}`);
    return `${pathOf(resource.ParentId, [...seen, id])}/${resource.PathPart}`;
  };

  const routes = resourcesOfType(template, 'AWS::ApiGateway::Method').map(([logicalId, resource]): Route => {
    const props = resource.Properties as {
      HttpMethod: string;
      ResourceId: Ref;
      RestApiId: { Ref: string };
      AuthorizationType?: string;
      Integration?: Record<string, unknown>;
    };
    const resourcePath = pathOf(props.ResourceId) || '/';
    return {
      api: props.RestApiId.Ref,
      resourcePath,
      segments: resourcePath.split('/').filter(Boolean),
      method: props.HttpMethod.toUpperCase(),
      authorizationType: props.AuthorizationType ?? 'NONE',
      integration: readIntegration(props.Integration ?? {}, resolve, `AWS::ApiGateway::Method ${logicalId}`),
    };
  });

  const seen = new Map<string, Route>();
  for (const route of routes) {
    const key = `${route.method} ${route.resourcePath}`;
    const other = seen.get(key);
    if (other && other.api !== route.api) throw new Error(`REST APIs ${other.api} and ${route.api} both define ${key}`);
    seen.set(key, route);
  }
  return routes;
}

function readIntegration(integration: Record<string, unknown>, resolve: Resolve, where: string): Integration {
  if (integration.Type === 'AWS_PROXY') {
    const uri = String(resolve(integration.Uri, `${where} Integration.Uri`));
    const functionArn = /\/functions\/(arn:aws:lambda:[^/]+)\/invocations$/.exec(uri)?.[1];
    if (functionArn) return { type: 'lambda', functionRef: functionArn };
    return { type: 'unsupported', description: `AWS_PROXY integration with ${uri}` };
  }
  if (integration.Type === 'MOCK') {
    const [response] = (integration.IntegrationResponses as Array<Record<string, unknown>> | undefined) ?? [];
    const parameters = (response?.ResponseParameters ?? {}) as Record<string, string>;
    const headers = Object.fromEntries(
      Object.entries(parameters)
        .filter(([key]) => key.startsWith('method.response.header.'))
        .map(([key, value]) => [key.slice('method.response.header.'.length), value.replace(/^'(.*)'$/s, '$1')]),
    );
    return { type: 'mock', statusCode: Number(response?.StatusCode ?? 200), headers };
  }
  return { type: 'unsupported', description: `${String(integration.Type)} integration` };
}

/** Rank of a path segment: API Gateway prefers literal segments, then {param}, then {proxy+}. */
const rank = (segment: string) => (!segment.startsWith('{') ? 0 : segment.endsWith('+}') ? 2 : 1);

function matchPath(segments: string[], path: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    if (rank(segment) === 2) {
      if (i >= path.length) return undefined;
      parameters[segment.slice(1, -2)] = path.slice(i).join('/');
      return parameters;
    }
    const part = path[i];
    if (part === undefined) return undefined;
    if (rank(segment) === 1) parameters[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  return segments.length === path.length ? parameters : undefined;
}

function moreSpecific(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = rank(a[i] ?? '{+}') - rank(b[i] ?? '{+}');
    if (difference !== 0) return difference;
  }
  return b.length - a.length;
}

/** Finds the route of a request: the most specific resource path, then its method or ANY. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const path = pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  const candidates = routes
    .map((route) => ({ route, pathParameters: matchPath(route.segments, path) }))
    .filter((c): c is { route: Route; pathParameters: Record<string, string> } => c.pathParameters !== undefined)
    .sort((a, b) => moreSpecific(a.route.segments, b.route.segments));
  const best = candidates[0];
  if (!best) return { status: 404 };
  const sameResource = candidates.filter((c) => c.route.resourcePath === best.route.resourcePath);
  const match = sameResource.find((c) => c.route.method === method) ?? sameResource.find((c) => c.route.method === 'ANY');
  return match ?? { status: 405, allowed: sameResource.map((c) => c.route.method) };
}
