import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENTS } from '../../functions/core/inventory/index.js';
import { createHandler } from '../../functions/workflow/respond/index.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { dsrTemplate } from '../../lib/local/dsr-local.js';
import { journey } from './journey.js';
import { startEmbedded, type DsrTarget, type Mail } from './target.js';

const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];

/**
 * Art. 19 notices after a real erasure (demo user Ada, through the public surfaces). The
 * AI compute providers have no contact in this deployment, so their notice is logged as
 * missing. Embedded only: the contacts are a stack setting of this runtime, and the
 * retry below calls the Respond handler in this process with the template's environment.
 */
const CONTACTS = {
  hosting: 'privacy@hosting.example',
  payments: 'privacy@payments.example',
  email: 'dpo@mail-provider.example',
};
const stackProps = { recipientContacts: CONTACTS };

let target: DsrTarget;
let flow: ReturnType<typeof journey>;
let respondEnv: Record<string, string>;

beforeAll(async () => {
  target = await startEmbedded({ stackProps });
  flow = journey(target);
  const [respond] = Object.values<any>(dsrTemplate(stackProps).Resources).filter(
    (resource) => resource.Metadata?.DsrEntry === 'functions/workflow/respond/index.ts',
  );
  respondEnv = target.local!.runtime.resolve(respond.Properties.Environment.Variables) as Record<string, string>;
});
afterAll(async () => target?.stop());

const noticesTo = (mails: Mail[], requestId: string, address: string) =>
  mails.filter((mail) => mail.to.includes(address) && mail.subject.includes(requestId));
const eventsOf = (request: any, type: string) =>
  (request.audit as { type: string; details?: Record<string, unknown> }[]).filter((event) => event.type === type);

describe.sequential('Art. 19 notices after an erasure', () => {
  let requestId: string;
  let request: any;
  let mails: Mail[];

  it('completes an erasure', async () => {
    requestId = await flow.reachReview({ type: 'erasure', email: ada.email, locale: 'en' });
    await flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    request = await flow.waitForStatus(requestId, 'completed');
    mails = await target.mail();
  });

  it('sends each recipient of the erased stores with a contact exactly one notice, naming the account by its id', () => {
    for (const address of [CONTACTS.hosting, CONTACTS.email]) {
      const notices = noticesTo(mails, requestId, address);
      expect(notices, address).toHaveLength(1);
      const [notice] = notices as [Mail];
      expect(notice.subject).toBe(`Erasure notice under Art. 19 GDPR: Kiara request ${requestId}`);
      expect(notice.text).toContain(ada.accountId);
      expect(notice.text).toContain(requestId);
      expect(notice.text).toMatch(/confirm/i);
      expect(`${notice.subject}\n${notice.text}`).not.toContain(ada.email);
      expect(notice.subject).not.toContain(ada.accountId);
    }
    // Invoices are kept, not erased: the payment processor has nothing to erase.
    expect(noticesTo(mails, requestId, CONTACTS.payments)).toHaveLength(0);
    expect(mails.filter((mail) => /Erasure notice/.test(mail.subject) && mail.subject.includes(requestId))).toHaveLength(2);
  });

  it('logs one art19_notice per notified recipient and the missing contact for the privacy team', () => {
    const notices = eventsOf(request, 'art19_notice');
    expect(notices.map((event) => event.details?.recipientId).sort()).toEqual(['email', 'hosting']);
    for (const event of notices) {
      expect(event.details).toMatchObject({ notice: 'erasure' });
      expect(JSON.stringify(event)).not.toMatch(/@/);
    }
    expect(eventsOf(request, 'art19_notice_missing_contact').map((event) => event.details?.recipientId)).toEqual([
      RECIPIENTS.aiCompute.id,
    ]);
  });

  it('names to the data subject only the recipients actually notified', () => {
    const report = mails.find((mail) => mail.to.includes(ada.email) && /has been erased/.test(mail.subject) && mail.subject.includes(requestId))!;
    expect(report).toBeDefined();
    expect(report.text).toContain('Art. 19 GDPR');
    expect(report.text).toContain(`${RECIPIENTS.hosting.name} (${RECIPIENTS.hosting.category.en})`);
    expect(report.text).toContain(`${RECIPIENTS.email.name} (${RECIPIENTS.email.category.en})`);
    expect(report.text).not.toContain(RECIPIENTS.aiCompute.category.en);
    expect(report.text).not.toContain(RECIPIENTS.payments.category.en);
  });

  it('sends and logs nothing more when the step runs again', async () => {
    const respond = createHandler(respondEnv);
    await respond({ requestId, reply: 'recipient_notices' }, {} as never);
    await respond({ requestId, reply: 'recipient_notices' }, {} as never);
    const after = await target.mail();
    for (const address of [CONTACTS.hosting, CONTACTS.email]) expect(noticesTo(after, requestId, address)).toHaveLength(1);
    const again = await flow.detail(requestId);
    expect(eventsOf(again, 'art19_notice')).toHaveLength(2);
    expect(eventsOf(again, 'art19_notice_missing_contact')).toHaveLength(1);
  });
});
