import { formatDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { SUPERVISORY_AUTHORITY, law } from '../legal.js';
import { privacyLink, renderEmail, type Block } from '../layout.js';
import type { IsoDate, RenderedEmail, SubjectEmailBase } from '../types.js';
import { apLink, subjectFooter, subjectReference } from './common.js';

export interface ExtensionNoticeInput extends SubjectEmailBase {
  /** The privacy team's written reasons for the extension. */
  reason: string;
  /** The extended legal deadline (receipt + 3 months, rolled to a working day). */
  extendedDeadline: IsoDate;
  /** The one-month legal deadline that no longer applies; the first sentence names it. */
  originalDeadline: IsoDate;
}

/** The deadline is extended under Art. 12(3): the reasons and the new date. */
export function extensionNotice(input: ExtensionNoticeInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    throw new RenderInputError('An extension needs a written reason');
  }
  const extended = formatDate(input.extendedDeadline, locale);
  const original = formatDate(input.originalDeadline, locale);
  const article = law('Art. 12(3)', locale);

  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: nl
        ? `Wij moeten uw verzoek in beginsel uiterlijk op ${original} beantwoorden. Op grond van ${article} mogen wij die termijn met ten hoogste twee maanden verlengen wanneer dat nodig is, gelet op de complexiteit en het aantal verzoeken. Van die mogelijkheid maken wij voor uw verzoek gebruik.`
        : `We would normally have to reply to your request by ${original}. Under ${article} we may extend that period by up to two further months where necessary, taking into account the complexity and number of requests. We are doing so for your request.`,
    },
    {
      kind: 'facts',
      rows: [
        [nl ? 'Oorspronkelijke termijn' : 'Original deadline', original],
        [nl ? 'Nieuwe termijn' : 'New deadline', extended],
      ],
    },
    { kind: 'heading', text: nl ? 'Waarom we meer tijd nodig hebben' : 'Why we need more time' },
    { kind: 'paragraph', text: input.reason.trim() },
    {
      kind: 'paragraph',
      text: nl
        ? `We reageren uiterlijk op ${extended}, en eerder als dat kan.`
        : `We will reply by ${extended} at the latest, and sooner if we can.`,
    },
    {
      kind: 'paragraph',
      text: nl
        ? [
            'Bent u het niet eens met de verlenging? Neem dan contact met ons op via ',
            privacyLink(),
            ` of dien een klacht in bij de ${SUPERVISORY_AUTHORITY.name} (`,
            apLink(),
            ').',
          ]
        : [
            'If you disagree with the extension, please contact us at ',
            privacyLink(),
            ` or lodge a complaint with the ${SUPERVISORY_AUTHORITY.name} (`,
            apLink(),
            ').',
          ],
    },
  ];

  return renderEmail({
    locale,
    subject: nl
      ? `We hebben meer tijd nodig voor uw privacyverzoek (${subjectReference(requestId, locale)})`
      : `We need more time for your privacy request (${subjectReference(requestId, locale)})`,
    title: nl ? 'We hebben meer tijd nodig voor uw verzoek' : 'We need more time to handle your request',
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
