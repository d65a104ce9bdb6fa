/**
 * Every Dutch text a person receives, in the shape of the English ones (`Texts`).
 *
 * Register: formal, the reader is always "u"/"uw", Kiara is always "wij" (not "we").
 * Citations come from `law()`: "artikel 12 lid 3 AVG", "artikel 17 lid 3, onder b, AVG".
 *
 * Glossary (English: Dutch), one term for one thing in every text:
 * - request: verzoek (in a subject or title: privacyverzoek); an API request: API-aanroep
 * - reference: kenmerk; deadline, period: termijn ("uiterlijk op 15 juli 2026"); extend: verlengen
 * - personal data: persoonsgegevens (gegevens once it is clear); processing: verwerking
 * - access: inzage; portability: dataportabiliteit; rectification: rectificatie (the right),
 *   corrigeren, correctie (the act); restriction: beperking (van de verwerking), lift: opheffen;
 *   objection: bezwaar (maken); withdraw consent: toestemming intrekken
 * - erase (Art. 17): wissen, gegevenswissing; delete (a package, link, record, backup, a
 *   minor's account): verwijderen; keep: bewaren; retention period: bewaartermijn
 * - grant / grant in part / refuse: toewijzen / gedeeltelijk toewijzen / afwijzen; a refusal:
 *   weigering; decision: besluit; facts: feiten
 * - exception (Art. 17(3), 15(4), 21(1)): uitzondering, never grondslag; legal basis of
 *   processing (Art. 6): rechtsgrond
 * - controller: verwerkingsverantwoordelijke; processor: verwerker; recipient: ontvanger;
 *   supervisory authority: toezichthouder (the Autoriteit Persoonsgegevens); complaint: klacht
 * - package: pakket; download link: downloadlink; the Service: de Dienst; privacy team: privacyteam
 */
import type { Texts } from '../en/index.js';
import { accessReady } from './access-ready.js';
import { accessSummary } from './access-summary.js';
import { acknowledgement } from './acknowledgement.js';
import { cancellation } from './cancellation.js';
import { common } from './common.js';
import { decisions, rights } from './decisions.js';
import { dismissalReply } from './dismissal-reply.js';
import { erasureReport } from './erasure-report.js';
import { extensionNotice } from './extension-notice.js';
import { identityExpired } from './identity-expired.js';
import { minorErasureNotice } from './minor-erasure-notice.js';
import { noData } from './no-data.js';
import { pages } from './pages.js';
import { rejection } from './rejection.js';
import { restrictionLifted } from './restriction-lifted.js';
import { rightsOutcome } from './rights-outcome.js';
import { team } from './team.js';

export const nl: Texts = {
  common,
  rights,
  decisions,
  acknowledgement,
  identityExpired,
  noData,
  accessReady,
  erasureReport,
  rejection,
  cancellation,
  dismissalReply,
  extensionNotice,
  rightsOutcome,
  restrictionLifted,
  minorErasureNotice,
  pages,
  team,
  accessSummary,
};
