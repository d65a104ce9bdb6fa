import { textsFor } from '../texts/index.js';
import { renderEmail, type EmailDocument } from '../layout.js';
import type { Locale, RenderedEmail, TeamEmailBase } from '../types.js';

/**
 * Renders a privacy-team email. Team emails name the request, never the person: inputs
 * cannot carry identity fields (see NoSubjectIdentity), and anything shaped like an email
 * address in a shown value is replaced before rendering.
 */
export function renderTeamEmail(base: TeamEmailBase, doc: Omit<EmailDocument, 'footer' | 'locale'>): RenderedEmail {
  const { locale } = base;
  const t = textsFor(locale).team;
  return renderEmail(
    {
      ...doc,
      locale,
      blocks: [...doc.blocks, { kind: 'button', label: t.openInConsole, url: base.consoleUrl, fallback: t.copyAddress }],
      footer: [t.footer],
    },
    { redactEmailAddresses: true },
  );
}

export function requestFact(requestId: string, locale: Locale): readonly [string, string] {
  return [textsFor(locale).team.request, requestId];
}

/** An error's name or code as a team email shows it: one line, at most 120 characters. */
export function shownErrorName(errorName: string): string {
  return String(errorName || 'unknown').replace(/\s+/g, ' ').slice(0, 120);
}
