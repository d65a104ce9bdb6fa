import type { NoticeKind } from '../../request/model.js';
import type { Locale, RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact, shownErrorName } from './common.js';

export interface NoticeFailureInput extends TeamEmailBase {
  notice: NoticeKind;
  /** The error's name or code (e.g. "MessageRejected"), not its message. */
  errorName: string;
}

const NOTICE_NAMES: Record<NoticeKind, Record<Locale, string>> = {
  extension_notice: { en: 'Extension notice', nl: 'Bericht over de verlenging' },
  download_link: { en: 'New download link', nl: 'Nieuwe downloadlink' },
};

/** A notice to the requester could not be sent, after its retries or at once on a permanent refusal. */
export function noticeFailure(input: NoticeFailureInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const notice = NOTICE_NAMES[input.notice][locale];
  const errorName = shownErrorName(input.errorName);
  return renderTeamEmail(input, {
    subject: nl ? `[DSR] Niet verzonden: ${notice.toLowerCase()} voor ${requestId}` : `[DSR] Notice not sent: ${notice.toLowerCase()} for ${requestId}`,
    title: nl ? 'Een bericht aan de verzoeker is niet verzonden' : 'A notice to the requester was not sent',
    blocks: [
      { kind: 'facts', rows: [requestFact(requestId, locale), [nl ? 'Bericht' : 'Notice', notice], [nl ? 'Fout' : 'Error', errorName]] },
      {
        kind: 'paragraph',
        text: nl
          ? 'De wijziging zelf is vastgelegd, maar de verzoeker is daarover nog niet geïnformeerd, en het systeem probeert het bericht niet meer automatisch te verzenden. Verhelp de oorzaak (bijvoorbeeld een geweigerd adres) en verzend het bericht vanuit de console met de knop "Send pending notices…" op de pagina van het verzoek (daar staat "Notice pending").'
          : 'The change itself is recorded, but the requester has not been told, and the system no longer tries to send the notice on its own. Fix the cause (for example a refused address) and send it from the console with "Send pending notices…" on the request\'s page (it shows "Notice pending").',
      },
    ],
  });
}
