import type { Texts } from '../en/index.js';
import { html } from '../../escape.js';
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'nl');

export const pages: Texts['pages'] = {
  privacyTeam: 'privacyteam',
  verify: {
    title: 'Bevestig uw privacyverzoek',
    intro: (reference) =>
      html`<p>Bevestig dat u het privacyverzoek${reference ? html` met kenmerk ${reference}` : ''} heeft ingediend vanaf het e-mailadres waarnaar deze link is gestuurd. Na uw bevestiging behandelt Kiara het verzoek en stuurt het antwoord naar dat adres.</p>`,
    button: 'Mijn verzoek bevestigen',
    openingConfirmsNothing:
      'Het openen van deze pagina heeft nog niets bevestigd: dat gebeurt pas als u op de knop drukt. Zo kunnen programma’s die links in e-mails automatisch controleren, uw verzoek niet per ongeluk bevestigen.',
    notYou: 'Heeft u dit verzoek niet ingediend? Sluit deze pagina dan. Zonder bevestiging gebeurt er niets.',
  },
  verifyResult: {
    confirmed: {
      title: 'Bedankt, uw verzoek is bevestigd',
      body: () => html`<p>Wij behandelen uw verzoek nu en sturen u ons antwoord per e-mail. U kunt deze pagina sluiten.</p>`,
    },
    already_used: {
      title: 'Dit verzoek was al bevestigd',
      body: () => html`<p>Deze link is al gebruikt, dus u hoeft niets meer te doen. Wij sturen u ons antwoord per e-mail.</p>`,
    },
    expired: {
      title: 'Deze link is verlopen',
      body: (privacy) => html`<p>De termijn om uw verzoek te bevestigen is voorbij. Daarom is het verzoek gesloten zonder dat er iets mee is gedaan.</p>
<p>U kunt het opnieuw indienen door een e-mail te sturen naar ${privacy}.</p>`,
    },
    invalid: {
      title: 'Deze link is niet geldig',
      body: (privacy) => html`<p>Controleer of u de volledige link uit de e-mail heeft geopend; sommige e-mailprogramma’s breken lange links af.</p>
<p>Werkt het dan nog steeds niet? Schrijf dan naar ${privacy}.</p>`,
    },
    locked: {
      title: 'Te veel pogingen',
      body: (privacy) =>
        html`<p>Na te veel pogingen is bevestigen om veiligheidsredenen tijdelijk geblokkeerd. Probeer het later opnieuw of schrijf naar ${privacy}.</p>`,
    },
  },
  downloadExpired: {
    title: 'Deze downloadlink is verlopen',
    body: (privacy) => html`<p>Om uw gegevens te beschermen, zijn downloadlinks slechts beperkte tijd geldig.</p>
<p>Schrijf naar ${privacy} en vermeld het kenmerk uit onze e-mail. Zolang het pakket nog beschikbaar is, sturen wij u een nieuwe link; anders kunt u een nieuw verzoek indienen.</p>`,
  },
  downloadRevoked: {
    title: 'Dit pakket is verwijderd',
    body: (privacy) => html`<p>Nadat dit pakket was samengesteld, heeft u ons verzocht uw persoonsgegevens te wissen (${cite('Art. 17')}). Wij hebben daarom ook dit pakket verwijderd; deze downloadlink werkt niet meer.</p>
<p>Heeft u vragen? Schrijf dan naar ${privacy} en vermeld het kenmerk uit onze e-mail.</p>`,
  },
};
