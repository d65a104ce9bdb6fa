import type { Texts } from '../en/index.js';
import { CONTROLLER, law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'nl');

const DEADLINES = { refusal: 'weigeringstermijn', legal: 'wettelijke termijn', strict: 'interne termijn' };

export const team: Texts['team'] = {
  openInConsole: 'Openen in de console',
  copyAddress: 'Of kopieer dit adres:',
  footer: `Intern bericht voor het privacyteam van ${CONTROLLER.name}. Het bevat bewust geen gegevens over de betrokkene; die vindt u in de console.`,
  request: 'Verzoek',
  status: 'Status',
  legalDeadline: 'Wettelijke termijn',
  internalDeadline: 'Interne termijn',
  reviewNeeded: {
    subject: (requestId, timeLeft) => `[DSR] Beoordeling nodig: ${requestId} (${timeLeft})`,
    title: 'Een verzoek wacht op uw beoordeling',
    rights: 'Rechten',
    notes: {
      requester_email_differs_from_account:
        'Het e-mailadres van de verzoeker wijkt af van het e-mailadres van het account. Controleer de identiteit in de console voordat u verdergaat.',
      repeated_request: `Er zijn onlangs vergelijkbare verzoeken van dezelfde persoon binnengekomen. Beoordeel of het verzoek buitensporig is (${cite('Art. 12(5)')}) en leg de feiten vast.`,
      decision_required: 'Het verzoek betreft een recht waarover het privacyteam moet beslissen (rectificatie, beperking of bezwaar).',
    },
    open: 'Open het verzoek in de console om het te beoordelen. De workflow wacht op uw besluit; de termijn loopt door.',
  },
  storeFailure: {
    subject: (requestId, store) => `[DSR] Stap mislukt: ${store} voor ${requestId}`,
    title: 'Een stap bij een gegevensopslag is mislukt',
    store: 'Gegevensopslag',
    error: 'Fout',
    attempts: 'Pogingen',
    waits: 'De workflow probeert het niet meer automatisch en wacht op u: probeer de stap opnieuw of handel hem af in de console. De termijn loopt door.',
  },
  noticeFailure: {
    subject: (requestId, notice) => `[DSR] Niet verzonden: ${notice.toLowerCase()} voor ${requestId}`,
    title: 'Een bericht aan de verzoeker is niet verzonden',
    notice: 'Bericht',
    error: 'Fout',
    notices: { extension_notice: 'Bericht over de verlenging', download_link: 'Nieuwe downloadlink' },
    send: 'De wijziging zelf is vastgelegd, maar de verzoeker is daarover nog niet geïnformeerd, en het systeem probeert het bericht niet meer automatisch te verzenden. Verhelp de oorzaak (bijvoorbeeld een geweigerd adres) en verzend het bericht vanuit de console met de knop "Send pending notices…" op de pagina van het verzoek (daar staat "Notice pending").',
  },
  stepFailure: {
    subject: (requestId, step) => `[DSR] Workflowstap mislukt: ${step} voor ${requestId}`,
    title: 'Een stap van de workflow is mislukt',
    step: 'Stap',
    error: 'Fout',
    refused: 'Amazon SES heeft geweigerd de e-mail van deze stap te versturen. Bij een nieuwe poging wordt de e-mail opnieuw aangeboden; hij gaat pas uit wanneer SES hem aanvaardt.',
    waits:
      'De workflow probeert het niet meer automatisch en wacht op u. Probeer de stap opnieuw in de console zodra de oorzaak is verholpen: de stap wordt dan opnieuw uitgevoerd vanaf het punt waar hij mislukte. De termijn loopt door.',
  },
  triageNeeded: {
    subject: (requestId, timeLeft) => `[DSR] E-mail te beoordelen: ${requestId} (${timeLeft})`,
    title: 'Een e-mail aan het privacyadres wacht op u',
    held: 'Dit bericht is tegengehouden (spam, virus, mislukte DMARC-controle of onleesbaar): de afzender heeft geen ontvangstbevestiging gekregen.',
    open: 'Open het bericht in de console en leg vast welke rechten het verzoek uitoefent, of sluit het als het geen privacyverzoek is. De termijn loopt door.',
  },
  deadlineReminder: {
    subject: (requestId, which, timeLeft) => `[DSR] Herinnering termijn: ${requestId} (${which} ${timeLeft})`,
    title: 'De termijn van een verzoek loopt bijna af',
    complete:
      'Rond het verzoek vóór de interne termijn af. Is meer tijd echt nodig, dan kan het verzoek alleen binnen de eerste maand worden verlengd, met een schriftelijke reden.',
  },
  deadlineEscalation: {
    subject: (requestId, deadline) => `[DSR] DRINGEND: ${DEADLINES[deadline]} verstreken voor ${requestId}`,
    title: (deadline) => `DRINGEND: de ${DEADLINES[deadline]} is verstreken`,
    refusal: (date) =>
      `De termijn van één maand van ${cite('Art. 12(4)')} is op ${date} verstreken, en het verzoek wacht nog steeds op de beoordeling. Een weigering, ook een gedeeltelijke, is vanaf nu te laat en wordt als zodanig vastgelegd. Neem vandaag een besluit.`,
    legal: (date, status) =>
      `De termijn van ${cite('Art. 12(3)')} voor dit verzoek is op ${date} verstreken, en het verzoek heeft nog steeds de status ‘${status}’. Kiara is nu te laat. Beantwoord het verzoek zonder verdere vertraging en leg de oorzaak vast in de console.`,
    strict: (date, status, legalDate) =>
      `De interne termijn voor dit verzoek is op ${date} verstreken, en het verzoek heeft nog steeds de status ‘${status}’. ${legalDate ? `De wettelijke termijn (${legalDate}) komt dichtbij` : 'De wettelijke termijn komt dichtbij'}: handel het verzoek vandaag af.`,
    refusalDeadline: 'Termijn voor een weigering',
  },
  deadlineNames: { strict: 'interne termijn', legal: 'wettelijke termijn' },
};
