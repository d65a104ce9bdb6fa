import type { Right } from '../../inventory/types.js';
import { formatDate, formatInstantDate, formatInstantDateTime } from '../dates.js';
import { law } from '../legal.js';
import { privacyLink, renderEmail, type Block } from '../layout.js';
import { rightLabels } from '../rights.js';
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
  identityConfirmedBy?: 'dashboard' | 'privacy_team';
}

/** Receipt of a request: date, rights, deadline, the confirmation link and what happens next. */
export function acknowledgement(input: AcknowledgementInput): RenderedEmail {
  const { locale, requestId, verification } = input;
  const received = formatInstantDate(input.receivedAt, locale);
  const deadline = formatDate(input.deadline, locale);
  const expires = verification ? formatInstantDateTime(verification.expiresAt, locale) : '';
  const withdraws = input.types.includes('withdraw_consent');
  const nl = locale === 'nl';

  // An email to the privacy address names no rights in a form: the team reads it (triage).
  const rights: Block[] =
    input.types.length > 0
      ? [
          {
            kind: 'paragraph',
            text: nl
              ? `Op ${received} hebben we uw verzoek ontvangen om de volgende rechten uit de AVG uit te oefenen:`
              : `On ${received} we received your request to exercise the following rights under the GDPR:`,
          },
          { kind: 'list', items: rightLabels(input.types, locale) },
        ]
      : [
          {
            kind: 'paragraph',
            text: nl
              ? `Op ${received} hebben we uw e-mail aan ons privacyadres ontvangen. Ons privacyteam leest uw bericht om vast te stellen welke rechten uit de AVG u wilt uitoefenen.`
              : `On ${received} we received your email to our privacy address. Our privacy team reads your message to establish which rights under the GDPR you wish to exercise.`,
          },
        ];
  const blocks: Block[] = [
    ...rights,
    {
      kind: 'facts',
      rows: [
        [referenceLabel(locale), requestId],
        [nl ? 'Ontvangen op' : 'Received on', received],
        [nl ? 'Wij reageren uiterlijk op' : 'We will reply by', deadline],
      ],
    },
  ];

  if (verification) {
    blocks.push(
      { kind: 'heading', text: nl ? 'Bevestig uw e-mailadres' : 'Please confirm your email address' },
      {
        kind: 'paragraph',
        text: nl
          ? `Voordat we iets doen, moeten we zeker weten dat het verzoek afkomstig is van degene die dit e-mailadres beheert. Zo voorkomen we dat iemand anders uw gegevens ontvangt of laat verwijderen. Bevestig uw e-mailadres uiterlijk ${expires}.`
          : `Before we act, we need to be sure that the request comes from the person who controls this email address. This prevents anyone else from receiving or deleting your data. Please confirm your email address by ${expires}.`,
      },
      {
        kind: 'button',
        label: nl ? 'Mijn e-mailadres bevestigen' : 'Confirm my email address',
        url: verification.verifyUrl,
        fallback: nl
          ? 'Werkt de knop niet? Kopieer dan dit adres naar uw browser:'
          : 'If the button does not work, copy this address into your browser:',
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'De link opent een pagina met één knop. Uw verzoek is pas bevestigd wanneer u op die knop drukt.'
          : 'The link opens a page with one button. Your request is confirmed only when you press that button.',
      },
    );
  } else {
    blocks.push({
      kind: 'paragraph',
      text:
        input.identityConfirmedBy === 'privacy_team'
          ? nl
            ? 'Ons privacyteam heeft uw identiteit al vastgesteld. We hoeven uw identiteit daarom niet verder te controleren.'
            : 'Our privacy team has already established your identity, so we do not need any further confirmation of it.'
          : nl
            ? 'U heeft dit verzoek ingediend terwijl u was ingelogd in uw Kiara-dashboard. We hoeven uw identiteit daarom niet verder te controleren.'
            : 'You sent this request while signed in to your Kiara dashboard, so we do not need any further confirmation of your identity.',
    });
  }

  const next: string[] = nl
    ? [
        `${verification ? 'Na uw bevestiging zoeken we' : 'We zoeken'} het Kiara-account dat bij dit e-mailadres hoort en doorzoeken we al onze systemen op uw persoonsgegevens.`,
        `We reageren uiterlijk op ${deadline}. Blijkt uw verzoek complex, dan kunnen we deze termijn met maximaal twee maanden verlengen (${law('Art. 12(3)', locale)}). Dat laten we u dan binnen een maand na ontvangst van uw verzoek weten, met de redenen.`,
      ]
    : [
        `${verification ? 'After you confirm, we look up' : 'We look up'} the Kiara account that belongs to this email address and search all our systems for your personal data.`,
        `We will reply by ${deadline} at the latest. If your request turns out to be complex, we may extend this period by up to two further months (${law('Art. 12(3)', locale)}); we would tell you so, with the reasons, within one month of receiving your request.`,
      ];
  if (withdraws) {
    next.push(
      nl
        ? 'Het intrekken van toestemming gaat direct in. Kiara verwerkt op dit moment geen persoonsgegevens op basis van toestemming; dat bevestigen we in ons antwoord.'
        : 'Withdrawing consent takes effect straight away. Kiara currently does not process any personal data on the basis of consent; we will confirm this in our reply.',
    );
  }
  if (verification) {
    next.push(
      nl
        ? `Bevestigt u niet vóór ${expires}, dan sluiten we het verzoek zonder er iets mee te doen. U kunt het daarna gewoon opnieuw indienen.`
        : `If you do not confirm by ${expires}, we close the request without acting on it. You can then simply submit it again.`,
    );
  }
  blocks.push({ kind: 'heading', text: nl ? 'Wat gebeurt er nu?' : 'What happens next' }, { kind: 'list', items: next });
  blocks.push({
    kind: 'paragraph',
    text: verification
      ? nl
        ? 'Heeft u dit verzoek niet ingediend? Dan hoeft u niets te doen: zonder bevestiging gebeurt er niets.'
        : 'Did you not send this request? Then you do not need to do anything: without confirmation, nothing happens.'
      : nl
        ? ['Heeft u dit verzoek niet ingediend? Laat het ons dan direct weten via ', privacyLink(), '.']
        : ['Did you not send this request? Then please tell us straight away at ', privacyLink(), '.'],
  });

  return renderEmail({
    locale,
    subject: nl
      ? `Uw privacyverzoek is ontvangen (${subjectReference(requestId, locale)})`
      : `We have received your privacy request (${subjectReference(requestId, locale)})`,
    title: nl ? 'We hebben uw privacyverzoek ontvangen' : 'We have received your privacy request',
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
