import { CfnRule, Fn, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';

export { LOCALSTACK_VERSION } from './localstack-deployment.js';

/** Where the stack is deployed: AWS (default) or LocalStack's community edition. */
export type DeployTarget = 'aws' | 'localstack';

/** The account LocalStack reports for every caller. */
export const LOCALSTACK_ACCOUNT = '000000000000';

/**
 * CloudFormation resource types the LocalStack community edition (LOCALSTACK_VERSION) can create: its
 * `resource_providers/aws_*.py` modules (tag v4.14.0), limited to the services this stack
 * uses. Everything else (Cognito, the API Gateway authorizer, CloudFront, WAF, CloudWatch
 * dashboards) is a Pro feature or missing, and LocalStack skips it with a warning
 * (CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES), which would deploy admin routes without
 * authentication. The localstack target therefore creates none of them; a test checks it.
 */
export const LOCALSTACK_COMMUNITY_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'AWS::ApiGateway::Account',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::CloudWatch::Alarm',
  'AWS::DynamoDB::Table',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  // The daily retention purge's schedule (resource_providers/aws_scheduler_schedule.py).
  'AWS::Scheduler::Schedule',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Subscription',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::StepFunctions::StateMachine',
]);

/**
 * The API's public URL on LocalStack (its `execute-api.localhost.localstack.cloud` host
 * form, which resolves to 127.0.0.1 outside Docker and to LocalStack inside it), so the
 * links in emails open on the developer's machine.
 */
export function localStackApiUrl(api: RestApi, stage: string): string {
  return `http://${api.restApiId}.execute-api.localhost.localstack.cloud:4566/${stage}`;
}

/**
 * Makes CloudFormation refuse the template in any account but LocalStack's: the
 * localstack target has no Cognito sign-in (its admin routes check a bearer token in the
 * Lambda) and must never reach a real account. LocalStack does not evaluate template
 * rules; AWS does, before it creates anything.
 */
export function refuseOutsideLocalStack(scope: Construct): void {
  new CfnRule(scope, 'LocalStackOnly', {
    assertions: [
      {
        assert: Fn.conditionEquals(Stack.of(scope).account, LOCALSTACK_ACCOUNT),
        assertDescription:
          'This template was synthesized for LocalStack (-c target=localstack): its admin API has no Cognito sign-in. Synthesize without that setting to deploy to AWS.',
      },
    ],
  });
}
