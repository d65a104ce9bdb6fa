import { describe, expect, it } from 'vitest';
import { TOKEN_ACTOR } from '../../functions/admin/caller.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { onLocalStack, startEmbedded } from './target.js';

const ada = DEMO_USERS[0]!;

// The template `npm run deploy:localstack` deploys, run on the embedded runtime: its admin
// routes have no authorizer (LocalStack's community edition runs none), so the admin
// Lambda must refuse callers without the token by itself. On LocalStack the e2e tests
// cover the same ground against the real deployment.
const session = journeyOn(() => startEmbedded({ stackProps: { target: 'localstack' } }));

describe.skipIf(onLocalStack)('the LocalStack variant of the stack', () => {
  it('refuses admin calls without the bearer token, in the Lambda, with 401', async () => {
    const none = await session.flow.api.call('/admin/requests');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const wrong = await session.flow.api.call('/admin/requests', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const approveWithout = await session.flow.api.call('/admin/requests/dsr_x/approve', { method: 'POST' });
    expect(approveWithout.status).toBe(401);
  });

  it('answers an access request end to end, the privacy team approving with the token', async () => {
    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email });
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    const done = await session.flow.waitForStatus(requestId, 'completed');
    const decision = done.audit.find((event: any) => event.type === 'decision' && event.details.step === 'review');
    expect(decision.actor).toBe(TOKEN_ACTOR);
    const reply = (await session.flow.mailsFor(requestId)).find((mail) => /downloads\//.test(mail.text));
    expect(reply?.to).toEqual([ada.email]);
  });
});
