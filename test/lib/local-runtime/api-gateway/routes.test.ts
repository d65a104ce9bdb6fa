import { describe, expect, it } from 'vitest';
import { createResolver } from '../../../../lib/local-runtime/intrinsics.js';
import { createNaming } from '../../../../lib/local-runtime/naming.js';
import { matchRoute, readRoutes } from '../../../../lib/local-runtime/api-gateway/routes.js';
import type { CfnTemplate, CfnResource } from '../../../../lib/local-runtime/template.js';

const root = { 'Fn::GetAtt': ['Api', 'RootResourceId'] };
const resource = (parent: unknown, part: string): CfnResource => ({
  Type: 'AWS::ApiGateway::Resource',
  Properties: { ParentId: parent, PathPart: part, RestApiId: { Ref: 'Api' } },
});
const lambdaUri = (fn: string) => ({
  'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fn, 'Arn'] }, '/invocations']],
});
const method = (resourceId: unknown, httpMethod: string, fn: string, authorizationType = 'NONE'): CfnResource => ({
  Type: 'AWS::ApiGateway::Method',
  Properties: {
    HttpMethod: httpMethod,
    ResourceId: resourceId,
    RestApiId: { Ref: 'Api' },
    AuthorizationType: authorizationType,
    Integration: { Type: 'AWS_PROXY', Uri: lambdaUri(fn) },
  },
});

const template: CfnTemplate = {
  Resources: {
    Api: { Type: 'AWS::ApiGateway::RestApi' },
    Fn: { Type: 'AWS::Lambda::Function' },
    Other: { Type: 'AWS::Lambda::Function' },
    V1: resource(root, 'v1'),
    Items: resource({ Ref: 'V1' }, 'items'),
    Item: resource({ Ref: 'Items' }, '{id}'),
    Special: resource({ Ref: 'Items' }, 'special'),
    Proxy: resource({ Ref: 'V1' }, '{proxy+}'),
    RootGet: method(root, 'GET', 'Fn'),
    ItemsPost: method({ Ref: 'Items' }, 'POST', 'Fn'),
    ItemGet: method({ Ref: 'Item' }, 'GET', 'Fn', 'COGNITO_USER_POOLS'),
    SpecialGet: method({ Ref: 'Special' }, 'GET', 'Other'),
    ProxyAny: method({ Ref: 'Proxy' }, 'ANY', 'Other'),
    ItemsOptions: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        HttpMethod: 'OPTIONS',
        ResourceId: { Ref: 'Items' },
        RestApiId: { Ref: 'Api' },
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'MOCK',
          IntegrationResponses: [
            { StatusCode: '204', ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'" } },
          ],
        },
      },
    },
  },
};

const naming = createNaming(template, 'dsr', 'eu-west-1');
const routes = readRoutes(template, createResolver(template, naming));
const matched = (method: string, path: string) => {
  const match = matchRoute(routes, method, path);
  return 'route' in match ? { resource: match.route.resourcePath, method: match.route.method, params: match.pathParameters } : match;
};

describe('API Gateway routes', () => {
  it('builds resource paths from ParentId chains and reads the Lambda of each integration', () => {
    const itemGet = routes.find((route) => route.resourcePath === '/v1/items/{id}')!;
    expect(itemGet).toMatchObject({
      method: 'GET',
      authorizationType: 'COGNITO_USER_POOLS',
      integration: { type: 'lambda', functionRef: 'arn:aws:lambda:eu-west-1:000000000000:function:dsr-Fn' },
    });
    expect(routes.find((route) => route.method === 'OPTIONS')!.integration).toEqual({
      type: 'mock',
      statusCode: 204,
      headers: { 'Access-Control-Allow-Origin': '*' },
    });
  });

  it('prefers literal segments, then parameters, then greedy ones', () => {
    expect(matched('GET', '/')).toMatchObject({ resource: '/' });
    expect(matched('GET', '/v1/items/special')).toMatchObject({ resource: '/v1/items/special', params: {} });
    expect(matched('GET', '/v1/items/42')).toMatchObject({ resource: '/v1/items/{id}', params: { id: '42' } });
    expect(matched('GET', '/v1/items/a%2Fb')).toMatchObject({ params: { id: 'a/b' } });
    expect(matched('DELETE', '/v1/else/where')).toMatchObject({ resource: '/v1/{proxy+}', method: 'ANY', params: { proxy: 'else/where' } });
  });

  it('answers 405 with the allowed methods when the path exists, 404 when it does not', () => {
    expect(matched('DELETE', '/v1/items')).toEqual({ status: 405, allowed: ['POST', 'OPTIONS'] });
    expect(matched('GET', '/v2')).toEqual({ status: 404 });
  });
});
