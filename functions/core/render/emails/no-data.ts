import type { Right } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';

export interface NoDataInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
}

/** Identity confirmed, but no Kiara account is linked to the address. */
export function noData(input: NoDataInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).noData;
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks: [
      { kind: 'paragraph', text: t.searched(received, rights) },
      { kind: 'paragraph', text: t.nothingHeld },
      { kind: 'heading', text: t.otherDetailsHeading },
      { kind: 'paragraph', text: t.otherDetails(requestId) },
      { kind: 'list', items: t.examples },
      { kind: 'paragraph', text: t.searchAgain },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
