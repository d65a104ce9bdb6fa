import type { Right } from '../../inventory/types.js';
import { formatDate, formatInstantDate, formatInstantDateTime } from '../dates.js';
import { renderEmail, type Block } from '../layout.js';
import { rightLabels } from '../rights.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { referenceLabel, subjectFooter, subjectReference } from './common.js';

export interface AcknowledgementInput extends SubjectEmailBase {
  /** Receipt instant; the email shows its Amsterdam calendar date (gdpr-rules.md §1). */
  receivedAt: IsoInstant;
  types: readonly Right[];
  /** The legal response deadline (Art. 12(3)), an Amsterdam date. */
  deadline: IsoDate;
  /**
   * The identity confirmation link and when it stops working; `null` when no check is
   * needed (the request came from a signed-in dashboard session).
   */
  verification: { verifyUrl: string; expiresAt: IsoInstant } | null;
  /** Who confirmed the identity when no link is sent. Default the signed-in dashboard. */
  identityConfirmedBy?: 'dashboard' | 'privacy_team' | 'email_link';
}

/** Receipt of a request: date, rights, deadline, the confirmation link and what happens next. */
export function acknowledgement(input: AcknowledgementInput): RenderedEmail {
  const { locale, requestId, verification } = input;
  const t = textsFor(locale).acknowledgement;
  const received = formatInstantDate(input.receivedAt, locale);
  const deadline = formatDate(input.deadline, locale);
  const expires = verification ? formatInstantDateTime(verification.expiresAt, locale) : '';
  const withdraws = input.types.includes('withdraw_consent');

  // An email to the privacy address names no rights in a form: the team reads it (triage).
  const rights: Block[] =
    input.types.length > 0
      ? [
          { kind: 'paragraph', text: t.received(received) },
          { kind: 'list', items: rightLabels(input.types, locale) },
        ]
      : [{ kind: 'paragraph', text: t.receivedEmail(received) }];
  const blocks: Block[] = [
    ...rights,
    {
      kind: 'facts',
      rows: [
        [referenceLabel(locale), requestId],
        [t.receivedOn, received],
        [t.replyBy, deadline],
      ],
    },
  ];

  if (verification) {
    blocks.push(
      { kind: 'heading', text: t.confirm.heading },
      { kind: 'paragraph', text: t.confirm.why(expires) },
      { kind: 'button', label: t.confirm.button, url: verification.verifyUrl, fallback: textsFor(locale).common.buttonFallback },
      { kind: 'paragraph', text: t.confirm.page },
    );
  } else {
    blocks.push({
      kind: 'paragraph',
      text: { privacy_team: t.confirmedByTeam, email_link: t.confirmedByLink, dashboard: t.confirmedByDashboard }[input.identityConfirmedBy ?? 'dashboard'],
    });
  }

  const next: string[] = [t.next.search(Boolean(verification)), t.next.deadline(deadline)];
  if (withdraws) next.push(t.next.withdrawal);
  if (verification) next.push(t.next.unconfirmed(expires));
  blocks.push({ kind: 'heading', text: t.next.heading }, { kind: 'list', items: next });
  blocks.push({ kind: 'paragraph', text: verification ? t.notYouUnconfirmed : t.notYouConfirmed });

  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
