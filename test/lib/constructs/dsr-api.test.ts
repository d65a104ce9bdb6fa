import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import { gatewayModelSchema } from '../../../functions/core/intake/openapi.js';
import { DsrApi } from '../../../lib/constructs/dsr-api.js';
import { synthStack } from '../../infra/synth.js';

/** The API construct alone, with stand-ins for what it is given. */
function apiStack(props: { wafRateLimit?: number }) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'ApiOnly', { env: { region: 'eu-west-1' } });
  const machine = (id: string) => new StateMachine(stack, id, { definitionBody: DefinitionBody.fromChainable(new Pass(stack, `${id}Pass`)) });
  const requestsTable = new Table(stack, 'Requests', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const exportBucket = new Bucket(stack, 'Exports');
  const api = new DsrApi(stack, 'Api', {
    requestsTable,
    exportBucket,
    mail: { senderEmail: 'privacy@kiara-api.com', privacyTeamEmail: 'team@kiara-api.com' },
    ...props,
  });
  const watch = machine('Watch');
  api.connect(machine('Workflow'), { stateMachine: watch, startEnvironment: { WATCH_STATE_MACHINE_ARN: watch.stateMachineArn, REMINDER_DAYS_BEFORE: '7,2' } }, machine('Notices'), machine('RestrictionLift'));
  return Template.fromStack(stack);
}

describe('intake API in the synthesized stack', () => {
  const { template } = synthStack();

  it('validates the intake body against a model generated from the zod schema', () => {
    const [modelId] = Object.keys(template.findResources('AWS::ApiGateway::Model', { Properties: { Name: 'IntakeRequest' } }));
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'IntakeRequest',
      ContentType: 'application/json',
      Schema: { ...gatewayModelSchema(), $schema: 'http://json-schema.org/draft-04/schema#' },
    });
    const [validatorId] = Object.keys(template.findResources('AWS::ApiGateway::RequestValidator', { Properties: { ValidateRequestBody: true } }));
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestValidatorId: { Ref: validatorId },
      RequestModels: { 'application/json': { Ref: modelId } },
    });
  });

  it('answers throttling with 429 and schema failures with 400, in the handlers’ error shape', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"throttled"') },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      StatusCode: '400',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"validation_failed"') },
    });
  });

  it('throttles the stage and logs access without bodies, query strings or client addresses', () => {
    const [stage] = Object.values<any>(template.findResources('AWS::ApiGateway::Stage'));
    expect(stage.Properties.MethodSettings[0]).toMatchObject({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40, DataTraceEnabled: false });
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(Object.values(format).join(' ')).not.toMatch(/requestBody|querystring|sourceIp|identity/i);
  });

  it('serves the OpenAPI document and the resend endpoint without authorization', () => {
    for (const path of ['openapi.json', 'resend-verification']) {
      const [resourceId] = Object.keys(template.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: path } }));
      template.hasResourceProperties('AWS::ApiGateway::Method', { ResourceId: { Ref: resourceId }, AuthorizationType: 'NONE' });
    }
  });

  it('has no WAF unless asked for', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });
});

describe('DsrApi wafRateLimit', () => {
  it('puts a per-IP rate-based rule answering 429 in front of the stage', () => {
    const template = apiStack({ wafRateLimit: 300 });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Statement: { RateBasedStatement: { Limit: 300, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
          Action: { Block: { CustomResponse: Match.objectLike({ ResponseCode: 429, CustomResponseBodyKey: 'throttled' }) } },
        }),
      ],
      VisibilityConfig: Match.objectLike({ SampledRequestsEnabled: false }),
    });
    const [stageId] = Object.keys(template.findResources('AWS::ApiGateway::Stage'));
    const [association] = Object.values<any>(template.findResources('AWS::WAFv2::WebACLAssociation'));
    expect(JSON.stringify(association.Properties.ResourceArn)).toContain(stageId);
  });

  it('refuses a limit WAF cannot enforce', () => {
    expect(() => apiStack({ wafRateLimit: 5 })).toThrow(/at least 10/);
  });
});
