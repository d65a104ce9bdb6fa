import { formatDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { renderEmail, type Block } from '../layout.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';

export interface ExtensionNoticeInput extends SubjectEmailBase {
  /** The privacy team's written reasons for the extension. */
  reason: string;
  /** The extended legal deadline (receipt + 3 months, rolled to a working day). */
  extendedDeadline: IsoDate;
  /** The one-month legal deadline that no longer applies; the first sentence names it. */
  originalDeadline: IsoDate;
}

/** The deadline is extended under Art. 12(3): the reasons and the new date. */
export function extensionNotice(input: ExtensionNoticeInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).extensionNotice;
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    throw new RenderInputError('An extension needs a written reason');
  }
  const extended = formatDate(input.extendedDeadline, locale);
  const original = formatDate(input.originalDeadline, locale);

  const blocks: Block[] = [
    { kind: 'paragraph', text: t.extended(original) },
    {
      kind: 'facts',
      rows: [
        [t.originalDeadline, original],
        [t.newDeadline, extended],
      ],
    },
    { kind: 'heading', text: t.whyHeading },
    { kind: 'paragraph', text: input.reason.trim() },
    { kind: 'paragraph', text: t.replyBy(extended) },
    { kind: 'paragraph', text: t.disagree },
  ];

  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
