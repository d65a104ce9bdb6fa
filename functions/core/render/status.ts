import type { RequestStatus } from '../request/model.js';
import { textsFor } from './texts/index.js';
import type { Locale } from './types.js';

export function statusLabel(status: RequestStatus, locale: Locale): string {
  return textsFor(locale).common.status[status] ?? status;
}
