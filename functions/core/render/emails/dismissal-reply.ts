import { formatInstantDate } from '../dates.js';
import { renderEmail } from '../layout.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';

export interface DismissalReplyInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  /** The privacy team's own words to the sender (for example where support can help). */
  message: string;
}

/** The optional reply to a mail to the privacy address that asked for no GDPR right. */
export function dismissalReply(input: DismissalReplyInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).dismissalReply;
  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks: [
      { kind: 'paragraph', text: t.notARequest(formatInstantDate(input.receivedAt, locale)) },
      { kind: 'paragraph', text: input.message },
      { kind: 'paragraph', text: t.ifYouDo },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
