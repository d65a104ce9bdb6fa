import { CONTROLLER, SUPERVISORY_AUTHORITY, law } from '../legal.js';
import type { Recipient, Right } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { link, privacyLink, renderEmail, type Block, type RichText } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import type { IsoInstant, Locale, Localized, SubjectEmailBase } from '../types.js';
import { subjectTag } from '../../mail/reference.js';

/** The footer of every email to the data subject. */
export function subjectFooter(requestId: string, locale: Locale): RichText[] {
  return locale === 'nl'
    ? [[`${CONTROLLER.name}, privacyteam · `, privacyLink()], `Kenmerk van uw verzoek: ${requestId}`]
    : [[`${CONTROLLER.name}, privacy team · `, privacyLink()], `Reference of your request: ${requestId}`];
}

export function referenceLabel(locale: Locale): string {
  return locale === 'nl' ? 'Kenmerk' : 'Reference';
}

/**
 * The reference in a subject line: the `[dsr_…]` tag that a reply keeps, so the privacy
 * mailbox adds the reply to its request (functions/core/mail/reference.ts).
 */
export function subjectReference(requestId: string, locale: Locale): string {
  return `${locale === 'nl' ? 'kenmerk' : 'reference'} ${subjectTag(requestId)}`;
}

/**
 * A reply to the data subject whose title is also its subject, and whose first paragraph
 * says when the request came in and what it asked, followed by `then`.
 */
export function replyEmail(
  input: SubjectEmailBase & { receivedAt: IsoInstant; types: readonly Right[] },
  title: string,
  then: Localized,
  blocks: Block[],
) {
  const { locale, requestId } = input;
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  return renderEmail({
    locale,
    subject: `${title} (${subjectReference(requestId, locale)})`,
    title,
    blocks: [
      {
        kind: 'paragraph',
        text: locale === 'nl'
          ? `Op ${received} hebben wij uw verzoek ontvangen (${rights}). ${then.nl}`
          : `On ${received} we received your request (${rights}). ${then.en}`,
      },
      ...blocks,
    ],
    footer: subjectFooter(requestId, locale),
  });
}

export function apLink() {
  return link(SUPERVISORY_AUTHORITY.domain, SUPERVISORY_AUTHORITY.website);
}

/**
 * The remedies every refusal, also a partial one, must name (Art. 12(4) GDPR,
 * gdpr-rules.md §5): a complaint to the Autoriteit Persoonsgegevens and a court remedy
 * (Art. 79 GDPR, art. 35 UAVG).
 */
export function remedyBlocks(requestId: string, locale: Locale): Block[] {
  if (locale === 'nl') {
    return [
      { kind: 'heading', text: 'Wat kunt u doen?' },
      { kind: 'paragraph', text: 'Bent u het niet eens met dit besluit? Dan kunt u:' },
      {
        kind: 'list',
        items: [
          [
            `een klacht indienen bij de ${SUPERVISORY_AUTHORITY.name}, de Nederlandse toezichthouder (`,
            apLink(),
            `), of bij de toezichthouder in het EU-land waar u woont of werkt (${law('Art. 77', locale)});`,
          ],
          `naar de rechter stappen (${law('Art. 79', locale)}): op grond van artikel 35 van de Uitvoeringswet Algemene verordening gegevensbescherming (UAVG) kunt u de rechtbank verzoeken Kiara te bevelen uw verzoek alsnog toe te wijzen. Dat verzoekschrift dient u in binnen zes weken nadat u dit antwoord heeft ontvangen.`,
        ],
      },
      {
        kind: 'paragraph',
        text: [
          'U kunt ook eerst reageren via ',
          privacyLink(),
          `, onder vermelding van kenmerk ${requestId}. Geeft u ons nieuwe informatie, dan heroverwegen we ons besluit.`,
        ],
      },
    ];
  }
  return [
    { kind: 'heading', text: 'What you can do' },
    { kind: 'paragraph', text: 'If you disagree with this decision, you can:' },
    {
      kind: 'list',
      items: [
        [
          `lodge a complaint with the ${SUPERVISORY_AUTHORITY.name}, the Dutch data protection authority (`,
          apLink(),
          `), or with the supervisory authority in the EU country where you live or work (${law('Art. 77', locale)});`,
        ],
        `go to court (${law('Art. 79', locale)}): under art. 35 of the Dutch GDPR Implementation Act (UAVG) you can ask the district court (rechtbank) to order Kiara to grant your request. The petition must be filed within six weeks of receiving this reply.`,
      ],
    },
    {
      kind: 'paragraph',
      text: [
        'You can also reply to us first at ',
        privacyLink(),
        `, quoting reference ${requestId}. If you give us new information, we will reconsider our decision.`,
      ],
    },
  ];
}

/**
 * Art. 19, second sentence: the recipients told of a change, named to the person. `change`
 * is the change in a sentence's words ("the erasure" / "het wissen").
 */
export function informedBlocks(recipients: readonly Pick<Recipient, 'name' | 'category'>[], change: Localized, locale: Locale): Block[] {
  if (recipients.length === 0) return [];
  const nl = locale === 'nl';
  return [
    { kind: 'heading', text: nl ? 'Wie we hebben ingelicht' : 'Who we informed' },
    {
      kind: 'paragraph',
      text: nl
        ? `We hebben de verwerkers die persoonsgegevens van Kiara ontvangen, op de hoogte gebracht van ${change.nl} (${law('Art. 19', locale)}):`
        : `We have notified the processors that receive personal data from Kiara of ${change.en} (${law('Art. 19', locale)}):`,
    },
    { kind: 'list', items: recipients.map((recipient) => `${recipient.name} (${recipient.category[locale]})`) },
  ];
}
