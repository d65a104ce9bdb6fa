import type { Right } from '../../inventory/types.js';
import { formatInstantDate, formatInstantDateTime } from '../dates.js';
import { law } from '../legal.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { privacyLink, renderEmail, type Block } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import { resolveStore, storeCount, type Inventory } from '../stores.js';
import type { IsoInstant, RenderedEmail, StoreCount, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';

export interface AccessReadyInput extends SubjectEmailBase {
  /** The rights the package answers: access and/or portability. */
  types: readonly Right[];
  downloadUrl: string;
  /** When the (signed) download link stops working. */
  linkExpiresAt: IsoInstant;
  /** When the package itself is deleted. */
  packageExpiresAt: IsoInstant;
  /** A new link the privacy team sent for the same package: the earlier link no longer works. */
  reissued?: boolean;
  /** The stores in the package, with the number of items (files for the media store). */
  stores: readonly StoreCount[];
  /** Defaults to Kiara's inventory. */
  inventory?: Inventory;
  /** The review's decision on every right, when this reply is the one that carries it. */
  review?: ReviewedRights;
}

/** The access/portability package is ready: the link, its expiry and what the ZIP holds. */
export function accessReady(input: AccessReadyInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const linkUntil = formatInstantDateTime(input.linkExpiresAt, locale);
  const packageUntil = formatInstantDate(input.packageExpiresAt, locale);
  const stores = input.stores.map((entry) => ({ store: resolveStore(entry.storeId, input.inventory), count: entry.itemCount }));
  const hasMedia = stores.some(({ store }) => store.location.kind === 's3');
  const portability = input.types.includes('portability');

  const blocks: Array<Block | false> = [
    Boolean(input.reissued) && {
      kind: 'paragraph',
      text: nl
        ? 'Op uw verzoek zenden wij u een nieuwe downloadlink voor uw gegevens. De vorige link werkt niet meer.'
        : 'As you asked, we are sending you a new download link for your data. The previous link no longer works.',
    },
    {
      kind: 'paragraph',
      text: nl
        ? `We hebben een kopie samengesteld van de persoonsgegevens die Kiara over u heeft, naar aanleiding van uw verzoek (${rightsPhrase(input.types, locale)}).`
        : `We have put together a copy of the personal data Kiara holds about you, in response to your request (${rightsPhrase(input.types, locale)}).`,
    },
    {
      kind: 'button',
      label: nl ? 'Uw gegevens downloaden (ZIP)' : 'Download your data (ZIP)',
      url: input.downloadUrl,
      fallback: nl
        ? 'Werkt de knop niet? Kopieer dan dit adres naar uw browser:'
        : 'If the button does not work, copy this address into your browser:',
    },
    {
      kind: 'facts',
      rows: [
        [nl ? 'Link geldig tot' : 'Link valid until', linkUntil],
        [nl ? 'Pakket wordt verwijderd op' : 'Package deleted on', packageUntil],
      ],
    },
    {
      kind: 'paragraph',
      text: nl
        ? [
            'De link is persoonlijk: eenieder die over de link beschikt, kan uw gegevens downloaden. Stuur deze e-mail daarom niet door. Is de link verlopen? Schrijf dan vóór ',
            packageUntil,
            ' naar ',
            privacyLink(),
            '; wij zenden u dan een nieuwe link, waarna de vorige niet meer werkt. Na die datum wordt het pakket verwijderd en kunt u een nieuw verzoek indienen.',
          ]
        : [
            'The link is personal: anyone who has it can download your data, so please do not forward this email. If the link has expired, write to ',
            privacyLink(),
            ` before ${packageUntil}: we will send you a new link, and the previous one will stop working. After that date the package is deleted, and you can submit a new request.`,
          ],
    },
    { kind: 'heading', text: nl ? 'Wat zit er in het ZIP-bestand?' : 'What the ZIP file contains' },
    stores.length > 0
      ? {
          kind: 'table',
          caption: nl ? 'Gegevens per onderdeel' : 'Data per part',
          head: nl ? ['Gegevens', 'Aantal'] : ['Data', 'Number'],
          rows: stores.map(({ store, count }) => [store.title[locale], storeCount(store, count, locale)]),
        }
      : {
          kind: 'paragraph',
          text: nl ? 'We hebben geen gegevens gevonden om op te nemen.' : 'We found no data to include.',
        },
    {
      kind: 'paragraph',
      text: nl
        ? `De gegevens zijn machineleesbaar: elk onderdeel staat in de map data/ als JSON-bestand en als CSV-bestand.${hasMedia ? ' Uw geüploade en gegenereerde bestanden staan in hun oorspronkelijke formaat in de map media/.' : ''}`
        : `The data is machine-readable: each part is in the data/ folder as a JSON file and as a CSV file.${hasMedia ? ' Your uploaded and generated files are in the media/ folder, in their original format.' : ''}`,
    },
    portability && {
      kind: 'paragraph',
      text: nl
        ? `Omdat u om dataportabiliteit heeft gevraagd (${law('Art. 20', locale)}), bevat het pakket de gegevens die u zelf aan ons heeft verstrekt en de gegevens die zijn vastgelegd bij uw gebruik van de Dienst, in een gestructureerde, gangbare en machineleesbare vorm. U kunt ze zelf aan een andere dienst doorgeven. Wilt u dat wij ze rechtstreeks aan een andere organisatie sturen? Laat ons dan weten aan welke; waar dat technisch mogelijk is, doen we dat.`
        : `Because you asked for data portability (${law('Art. 20', locale)}), the package contains the data you provided to us and the data recorded while you used the Service, in a structured, commonly used and machine-readable format. You can pass it on to another service yourself. If you would like us to send it directly to another organisation, tell us which one; where this is technically feasible, we will do so.`,
    },
    {
      kind: 'paragraph',
      text: nl
        ? `In het ZIP-bestand vindt u ook README.html. Daarin leest u per onderdeel waarom we de gegevens verwerken en op welke grondslag, wie ze ontvangt, hoe lang we ze bewaren en waar ze vandaan komen, en welke andere rechten u heeft (${law('Art. 15(1)', locale)}).`
        : `The ZIP file also contains README.html. For each part, it explains why we process the data and on which legal basis, who receives it, how long we keep it and where it comes from, as well as your other rights (${law('Art. 15(1)', locale)}).`,
    },
  ];
  const decisions = input.review ? decisionBlocks(input.review, locale) : [];
  if (decisions.length > 0) blocks.push(...decisions, ...remedyBlocks(requestId, locale));

  return renderEmail({
    locale,
    subject: input.reissued
      ? nl
        ? `Nieuwe downloadlink voor uw persoonsgegevens (${subjectReference(requestId, locale)})`
        : `A new download link for your personal data (${subjectReference(requestId, locale)})`
      : nl
        ? `Uw persoonsgegevens staan klaar om te downloaden (${subjectReference(requestId, locale)})`
        : `Your personal data is ready to download (${subjectReference(requestId, locale)})`,
    title: input.reissued ? (nl ? 'Een nieuwe downloadlink' : 'A new download link') : nl ? 'Uw gegevens staan klaar' : 'Your data is ready',
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
