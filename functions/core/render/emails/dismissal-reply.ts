import { formatInstantDate } from '../dates.js';
import { renderEmail } from '../layout.js';
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
  const received = formatInstantDate(input.receivedAt, locale);
  const nl = locale === 'nl';
  return renderEmail({
    locale,
    subject: nl
      ? `Uw e-mail aan ons privacyadres (${subjectReference(requestId, locale)})`
      : `Your email to our privacy address (${subjectReference(requestId, locale)})`,
    title: nl ? 'Uw e-mail aan ons privacyadres' : 'Your email to our privacy address',
    blocks: [
      {
        kind: 'paragraph',
        text: nl
          ? `We hebben uw e-mail van ${received} gelezen. Daarin vraagt u niet om een van uw rechten uit de AVG uit te oefenen, dus behandelen we deze niet als privacyverzoek.`
          : `We have read your email of ${received}. It does not ask to exercise any of your rights under the GDPR, so we do not handle it as a privacy request.`,
      },
      { kind: 'paragraph', text: input.message },
      {
        kind: 'paragraph',
        text: nl
          ? 'Wilt u toch een van uw privacyrechten uitoefenen, zoals inzage in of verwijdering van uw gegevens? Antwoord dan op deze e-mail en zeg welk recht u bedoelt.'
          : 'If you do wish to exercise one of your privacy rights, such as access to or erasure of your data, please reply to this email and say which right you mean.',
      },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
