/**
 * Every English text a person receives, by text. Its shape is the contract of every other
 * language: `Texts` is `typeof en`, so a translation with a missing key, or an interpolation
 * with other parameters, does not compile.
 */
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

export const en = {
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

export type Texts = typeof en;
