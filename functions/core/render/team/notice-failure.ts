import type { NoticeKind } from '../../request/model.js';
import { textsFor } from '../texts/index.js';
import type { RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact, shownErrorName } from './common.js';

export interface NoticeFailureInput extends TeamEmailBase {
  notice: NoticeKind;
  /** The error's name or code (e.g. "MessageRejected"), not its message. */
  errorName: string;
}

/** A notice to the requester could not be sent, after its retries or at once on a permanent refusal. */
export function noticeFailure(input: NoticeFailureInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).team.noticeFailure;
  const notice = t.notices[input.notice];
  return renderTeamEmail(input, {
    subject: t.subject(requestId, notice),
    title: t.title,
    blocks: [
      { kind: 'facts', rows: [requestFact(requestId, locale), [t.notice, notice], [t.error, shownErrorName(input.errorName)]] },
      { kind: 'paragraph', text: t.send },
    ],
  });
}
