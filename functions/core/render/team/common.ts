import { CONTROLLER } from '../legal.js';
import { renderEmail, type EmailDocument } from '../layout.js';
import type { Locale, RenderedEmail, TeamEmailBase } from '../types.js';

/**
 * Renders a privacy-team email. Team emails name the request, never the person: inputs
 * cannot carry identity fields (see NoSubjectIdentity), and anything shaped like an email
 * address in a shown value is replaced before rendering.
 */
export function renderTeamEmail(base: TeamEmailBase, doc: Omit<EmailDocument, 'footer' | 'locale'>): RenderedEmail {
  const { locale } = base;
  return renderEmail(
    {
      ...doc,
      locale,
      blocks: [
        ...doc.blocks,
        {
          kind: 'button',
          label: locale === 'nl' ? 'Openen in de console' : 'Open in the console',
          url: base.consoleUrl,
          fallback: locale === 'nl' ? 'Of kopieer dit adres:' : 'Or copy this address:',
        },
      ],
      footer: [
        locale === 'nl'
          ? `Intern bericht voor het privacyteam van ${CONTROLLER.name}. Het bevat bewust geen gegevens over de betrokkene; die vindt u in de console.`
          : `Internal message for the ${CONTROLLER.name} privacy team. It deliberately contains no details of the data subject; see the console.`,
      ],
    },
    { redactEmailAddresses: true },
  );
}

export function requestFact(requestId: string, locale: Locale): readonly [string, string] {
  return [locale === 'nl' ? 'Verzoek' : 'Request', requestId];
}

/** An error's name or code as a team email shows it: one line, at most 120 characters. */
export function shownErrorName(errorName: string): string {
  return String(errorName || 'unknown').replace(/\s+/g, ' ').slice(0, 120);
}
