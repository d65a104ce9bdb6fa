import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { startEmbedded } from './target.js';

/**
 * A workflow step whose Lambda dies (a crash or a timeout, injected by the local runtime
 * right after one of its AWS calls succeeded) is retried by Step Functions: the request
 * goes on, and the email of the step goes out once.
 */
const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];
const crashed = new Set<string>();

const session = journeyOn(() => startEmbedded({
  // The step's retries run without their production backoff, so the test is quick.
  retryIntervalOverrides: { Acknowledge: 0 },
  crashAfter: ({ functionLogicalId, operation, input }) => {
    // Once per request: Acknowledge dies right after it read the request.
    const requestPk = operation === 'GetItem' && functionLogicalId.includes('Acknowledge') ? String(input.Key?.pk?.S) : undefined;
    if (!requestPk || crashed.has(requestPk)) return false;
    crashed.add(requestPk);
    return true;
  },
}));

describe('a workflow step whose Lambda crashes (crash injection)', () => {
  it('is retried: the acknowledgement goes out once and the request waits for the identity check', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: ada.email, locale: 'en' });
    await session.flow.identityLink(requestId, ada.email);
    await session.flow.waitForStatus(requestId, 'awaiting_identity');
    expect(crashed.size).toBe(1);
    expect(session.flow.countBy(await session.flow.mailsFor(requestId), /received your privacy request/)).toBe(1);
    const { executions } = session.target.local!.runtime.stepFunctions.listExecutions({ stateMachineArn: session.target.resources.workflowArn });
    const execution = executions.find((item) => item.name === requestId);
    expect(execution?.status).toBe('RUNNING');
  });
});
