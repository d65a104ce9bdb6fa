import { describe, expect, it } from 'vitest';
import { RECIPIENTS, STORES } from '../../../../functions/core/inventory/index.js';
import { restrictionNotice } from '../../../../functions/core/render/index.js';
import { RenderInputError } from '../../../../functions/core/render/errors.js';
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG } from '../../../../functions/core/restriction/marks.js';

describe('Art. 19 notice of a restriction', () => {
  const notice = {
    requestId: 'dsr_art19r',
    accountId: 'acct_01j9ada7c3f9',
    recipient: RECIPIENTS.aiCompute,
    storeIds: ['generations', 'media'],
    restrictedAt: '2026-06-14T22:15:00Z',
  };

  it('names the account id, the request, the date and the restricted categories, and asks to store only', () => {
    const email = restrictionNotice(notice);
    expect(email.subject).toBe('Restriction notice under Art. 19 GDPR: Kiara request dsr_art19r');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('acct_01j9ada7c3f9');
      expect(part).toContain('15 June 2026');
      expect(part).toContain(RECIPIENTS.aiCompute.name);
      for (const id of notice.storeIds) expect(part).toContain(STORES.find((s) => s.id === id)!.title.en);
    }
    expect(email.text).not.toContain(STORES.find((s) => s.id === 'account')!.title.en);
    expect(email.text).toContain('Art. 18 GDPR');
    expect(email.text).toMatch(/may only be stored/);
    expect(email.text).toContain(RESTRICTION_ATTRIBUTE);
    expect(email.text).toContain(RESTRICTION_TAG);
    expect(email.text).toMatch(/Confirm the restriction to privacy@kiara-api\.com, quoting request dsr_art19r/);
  });

  it('refuses an address as the account reference and an empty or unknown store list', () => {
    expect(() => restrictionNotice({ ...notice, accountId: 'ada@example.com' })).toThrow(RenderInputError);
    expect(() => restrictionNotice({ ...notice, storeIds: [] })).toThrow(RenderInputError);
    expect(() => restrictionNotice({ ...notice, storeIds: ['nope'] })).toThrow(RenderInputError);
  });
});
