import { describe, expect, it } from 'vitest';
import {
  adminQuery,
  auditDetails,
  DEFAULT_FILTERS,
  dueBadge,
  filtersFromSearch,
  filtersToSearch,
  formatDate,
  formatInstant,
  groundsFor,
  label,
  QUEUE_STATUSES,
  STATUS_LABELS,
} from '../../../console/src/format.js';
import { authorizeUrl, base64url, jwtSecondsLeft, logoutUrl, pkceChallenge, tokenRequest } from '../../../console/src/oauth.js';

describe('console format', () => {
  it('badges: amber within 7 days and on the day, red overdue, green otherwise', () => {
    expect(dueBadge(30)).toEqual({ text: '30 days left', tone: 'ok' });
    expect(dueBadge(8).tone).toBe('ok');
    expect(dueBadge(7)).toEqual({ text: '7 days left', tone: 'soon' });
    expect(dueBadge(1)).toEqual({ text: '1 day left', tone: 'soon' });
    expect(dueBadge(0)).toEqual({ text: 'Due today', tone: 'soon' });
    expect(dueBadge(-1)).toEqual({ text: '1 day overdue', tone: 'overdue' });
    expect(dueBadge(-4)).toEqual({ text: '4 days overdue', tone: 'overdue' });
    expect(dueBadge(null)).toEqual({ text: 'Closed', tone: 'closed' });
  });

  it('dates: calendar dates unshifted, instants in Amsterdam time', () => {
    expect(formatDate('2026-01-31')).toBe('31 Jan 2026');
    expect(formatInstant('2026-06-14T22:15:00Z')).toBe('15 Jun 2026, 00:15');
  });

  it('filters round-trip through the hash and map onto the admin API query', () => {
    const filters = { status: 'open', type: 'erasure', step: 'review', due: 'within', days: 3 } as const;
    const search = filtersToSearch(filters);
    expect(search).toBe('?type=erasure&step=review&due=within&days=3');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(adminQuery(filters, 50)).toBe('status=open&limit=50&type=erasure&pendingStep=review&dueWithinDays=3');
    expect(adminQuery({ ...DEFAULT_FILTERS, due: 'overdue' }, 10, 'abc')).toBe('status=open&limit=10&overdue=true&cursor=abc');
    expect(adminQuery({ ...DEFAULT_FILTERS, status: 'closed', due: 'overdue' }, 10)).toBe('status=closed&limit=10');
    expect(filtersFromSearch('?type=bogus&step=x&due=soon&days=-2')).toEqual(DEFAULT_FILTERS);
    expect(filtersFromSearch('?status=toString&type=constructor')).toEqual(DEFAULT_FILTERS);
  });

  it('the queue offers the duplicates, and a duplicate has its own label', () => {
    const duplicates = filtersFromSearch('?status=duplicate');
    expect(duplicates).toEqual({ ...DEFAULT_FILTERS, status: 'duplicate' });
    expect(filtersToSearch(duplicates)).toBe('?status=duplicate');
    expect(adminQuery(duplicates, 50)).toBe('status=duplicate&limit=50');
    expect(QUEUE_STATUSES.duplicate).toBe('Duplicates');
    expect(label(STATUS_LABELS, 'duplicate')).toBe('Duplicate (repeats an open request)');
    expect(auditDetails({ type: 'duplicate_of', details: { requestId: 'dsr_open1' } })).toBe('dsr_open1');
  });

  it('audit lines carry codes and counts, not personal data', () => {
    expect(auditDetails({ type: 'decision', details: { step: 'store_failure#media#collect', decision: 'retry' } })).toBe('store_failure media collect: retry');
    expect(auditDetails({ type: 'decision', details: { step: 'review', decision: 'approved', outcome: 'Email corrected.' } })).toBe('review: approved · what was done: Email corrected.');
    expect(auditDetails({ type: 'email_sent', details: { kind: 'rejection' } })).toBe('Refusal with reasons and remedies');
    expect(auditDetails({ type: 'art19_notice', details: { recipientId: 'hosting', notice: 'erasure' } })).toBe('hosting: erasure notice sent');
    expect(auditDetails({ type: 'art19_notice_missing_contact', details: { recipientId: 'ai-compute', notice: 'erasure' } })).toMatch(
      /^ai-compute: no address in recipientContacts/,
    );
  });
});

describe('console Cognito sign-in (PKCE)', () => {
  const settings = { domain: 'https://kiara-privacy.auth.eu-west-1.amazoncognito.com/', clientId: 'client123' };

  it('builds the authorize, token and logout requests of the hosted UI', () => {
    const url = new URL(authorizeUrl(settings, 'https://console.example/', 'st', 'ch'));
    expect(url.origin + url.pathname).toBe('https://kiara-privacy.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://console.example/',
      scope: 'openid email profile',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    const token = tokenRequest(settings, 'https://console.example/', 'code1', 'verifier1');
    expect(token.url).toBe('https://kiara-privacy.auth.eu-west-1.amazoncognito.com/oauth2/token');
    expect(Object.fromEntries(new URLSearchParams(token.body))).toMatchObject({ grant_type: 'authorization_code', code: 'code1', code_verifier: 'verifier1' });
    expect(logoutUrl(settings, 'https://console.example/')).toContain('/logout?client_id=client123&logout_uri=');
  });

  it('derives the S256 challenge as RFC 7636 specifies', async () => {
    // RFC 7636 appendix B.
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('reads a JWT expiry', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_000 })).toString('base64url');
    expect(jwtSecondsLeft(`x.${payload}.y`, 400_000)).toBe(600);
    expect(jwtSecondsLeft('opaque-dev-token')).toBeUndefined();
  });

  it('offers per right only the grounds that apply to it, and shows a per-right decision in the timeline', () => {
    expect(groundsFor('erasure').map((g) => g.code)).toContain('legal_claims');
    expect(groundsFor('access').map((g) => g.code)).not.toContain('legal_claims');
    expect(groundsFor('access').map((g) => g.code)).toContain('rights_of_others');
    expect(auditDetails({
      type: 'decision',
      details: { step: 'review', decision: 'approved', rights: { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: 'legal_claims', facts: 'Case 17 pending.' } } },
    })).toBe('review: approved · Access (Art. 15) granted · Erasure (Art. 17) refused (Exception: legal claims (Art. 17(3)(e) GDPR): Case 17 pending.)');
  });
});
