/**
 * Every Dutch text a person receives, in the shape of the English ones (`Texts`).
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
