import type { Recipient, Right } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { renderEmail, type Block, type RichText } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, Locale, SubjectEmailBase } from '../types.js';
import { subjectTag } from '../../mail/reference.js';

/** The footer of every email to the data subject. */
export function subjectFooter(requestId: string, locale: Locale): RichText[] {
  return textsFor(locale).common.footer(requestId);
}

export function referenceLabel(locale: Locale): string {
  return textsFor(locale).common.reference;
}

/**
 * The reference in a subject line: the `[dsr_…]` tag that a reply keeps, so the privacy
 * mailbox adds the reply to its request (functions/core/mail/reference.ts).
 */
export function subjectReference(requestId: string, locale: Locale): string {
  return `${textsFor(locale).common.subjectReference} ${subjectTag(requestId)}`;
}

/**
 * A reply to the data subject whose title is also its subject, and whose first paragraph
 * says when the request came in and what it asked, followed by `then`.
 */
export function replyEmail(
  input: SubjectEmailBase & { receivedAt: IsoInstant; types: readonly Right[] },
  title: string,
  then: string,
  blocks: Block[],
) {
  const { locale, requestId } = input;
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  return renderEmail({
    locale,
    subject: `${title} (${subjectReference(requestId, locale)})`,
    title,
    blocks: [{ kind: 'paragraph', text: textsFor(locale).common.replyIntro(received, rights, then) }, ...blocks],
    footer: subjectFooter(requestId, locale),
  });
}

/**
 * The remedies every refusal, also a partial one, must name (Art. 12(4) GDPR,
 * gdpr-rules.md §5): a complaint to the Autoriteit Persoonsgegevens and a court remedy
 * (Art. 79 GDPR, art. 35 UAVG).
 */
export function remedyBlocks(requestId: string, locale: Locale): Block[] {
  const t = textsFor(locale).common.remedies;
  return [
    { kind: 'heading', text: t.heading },
    { kind: 'paragraph', text: t.intro },
    { kind: 'list', items: [t.complaint, t.court] },
    { kind: 'paragraph', text: t.replyFirst(requestId) },
  ];
}

/**
 * Art. 19, second sentence: the recipients told of a change, named to the person. `change`
 * is the change in a sentence's words ("the erasure" / "het wissen").
 */
export function informedBlocks(recipients: readonly Pick<Recipient, 'name' | 'category'>[], change: string, locale: Locale): Block[] {
  if (recipients.length === 0) return [];
  const t = textsFor(locale).common.informed;
  return [
    { kind: 'heading', text: t.heading },
    { kind: 'paragraph', text: t.intro(change) },
    { kind: 'list', items: recipients.map((recipient) => `${recipient.name} (${recipient.category[locale]})`) },
  ];
}
