import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod';
import type { DsrRequestRecord } from '../core/request/model.js';
import { answeredOtherwiseBody, closeAnsweredOtherwise } from './answered-otherwise.js';
import type { RejectionPreview } from './api-types.js';
import { parseBody } from './body.js';
import { changeContact, contactBody } from './contact.js';
import { extendBody, extendRequest } from './extend.js';
import { dismiss, dismissBody, triage, triageBody } from './mailbox.js';
import { deliverNotices } from './notices.js';
import type { AdminPorts } from './ports.js';
import { reissueLink } from './reissue-link.js';
import { approve, approveBody, decide, decideBody, previewRejection, reject, rejectBody } from './review.js';
import { cancel, retryBody, retryFailures } from './steps.js';

/** A call of `POST /admin/requests/{id}/{action}` on a stored request. */
export interface ActionCall {
  request: DsrRequestRecord;
  event: APIGatewayProxyEvent;
  actor: string;
}

/**
 * An action: its use case, with the body checked by the action's schema (400 with field
 * codes otherwise). Answers what the caller shows instead of the request's detail, if anything.
 */
export type RequestAction = (ports: AdminPorts, call: ActionCall) => Promise<RejectionPreview | void>;

type UseCase<Body> = (ports: AdminPorts, request: DsrRequestRecord, body: Body, actor: string) => Promise<RejectionPreview | void>;

const withBody =
  <S extends z.ZodType>(schema: S, run: UseCase<z.output<S>>): RequestAction =>
  async (ports, { request, event, actor }) =>
    run(ports, request, parseBody(schema, event), actor);

/** Actions that take no body (one sent is ignored, as before). */
const bodiless =
  (run: (ports: AdminPorts, request: DsrRequestRecord, actor: string) => Promise<unknown>): RequestAction =>
  async (ports, { request, actor }) => {
    await run(ports, request, actor);
  };

/** Every action of the admin API by its path segment. */
export const ACTIONS = {
  approve: withBody(approveBody, approve),
  reject: withBody(rejectBody, reject),
  decide: withBody(decideBody, decide),
  'preview-rejection': withBody(rejectBody, async (_ports, request, body) => previewRejection(request, body)),
  cancel: bodiless(cancel),
  retry: withBody(retryBody, retryFailures),
  extend: withBody(extendBody, extendRequest),
  'reissue-link': bodiless(reissueLink),
  'send-notices': bodiless((ports, request) => deliverNotices(ports, request.requestId)),
  triage: withBody(triageBody, triage),
  dismiss: withBody(dismissBody, dismiss),
  contact: withBody(contactBody, changeContact),
  close: withBody(answeredOtherwiseBody, closeAnsweredOtherwise),
} as const satisfies Record<string, RequestAction>;

export type ActionName = keyof typeof ACTIONS;

/** The action named by the path, if the API has one. */
export function actionNamed(name: string): RequestAction | undefined {
  return Object.hasOwn(ACTIONS, name) ? ACTIONS[name as ActionName] : undefined;
}
