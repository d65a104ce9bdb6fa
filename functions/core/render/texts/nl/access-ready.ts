import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';
import { privacyLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'nl');

export const accessReady: Texts['accessReady'] = {
  subject: (reference) => `Uw persoonsgegevens staan klaar om te downloaden (${reference})`,
  title: 'Uw gegevens staan klaar',
  reissuedSubject: (reference) => `Nieuwe downloadlink voor uw persoonsgegevens (${reference})`,
  reissuedTitle: 'Een nieuwe downloadlink',
  reissued: 'Op uw verzoek sturen wij u een nieuwe downloadlink voor uw gegevens. De vorige link werkt niet meer.',
  intro: (rights) => `Wij hebben een kopie samengesteld van de persoonsgegevens die Kiara over u heeft, naar aanleiding van uw verzoek (${rights}).`,
  button: 'Uw gegevens downloaden (ZIP)',
  linkValidUntil: 'Link geldig tot',
  packageDeletedOn: 'Pakket wordt verwijderd op',
  personalLink: (packageUntil) => [
    'De link is persoonlijk: eenieder die over de link beschikt, kan uw gegevens downloaden. Stuur deze e-mail daarom niet door. Is de link verlopen? Schrijf dan vóór ',
    packageUntil,
    ' naar ',
    privacyLink(),
    '; wij sturen u dan een nieuwe link, waarna de vorige niet meer werkt. Na die datum wordt het pakket verwijderd en kunt u een nieuw verzoek indienen.',
  ],
  contentsHeading: 'Wat zit er in het ZIP-bestand?',
  contentsCaption: 'Gegevens per onderdeel',
  contentsHead: ['Gegevens', 'Aantal'],
  nothingFound: 'Wij hebben geen gegevens gevonden om op te nemen.',
  formats: (media) =>
    `De gegevens zijn machineleesbaar: elk onderdeel staat in de map data/ als JSON-bestand en als CSV-bestand.${media ? ' Uw geüploade en gegenereerde bestanden staan in hun oorspronkelijke formaat in de map media/.' : ''}`,
  portability: `Omdat u om dataportabiliteit heeft gevraagd (${cite('Art. 20')}), bevat het pakket de gegevens die u zelf aan ons heeft verstrekt en de gegevens die zijn vastgelegd bij uw gebruik van de Dienst, in een gestructureerde, gangbare en machineleesbare vorm. U kunt ze zelf aan een andere dienst doorgeven.`,
  readme: `In het ZIP-bestand vindt u ook README.html. Daarin leest u per onderdeel waarom wij de gegevens verwerken en op welke rechtsgrond, wie ze ontvangt, hoe lang wij ze bewaren en waar ze vandaan komen, en welke andere rechten u heeft (${cite('Art. 15(1)')}).`,
};
