import { randomBytes } from 'node:crypto';
import type { DsrRequestRecord } from '../core/request/model.js';
import { LinkTokens } from './link-tokens.js';

/** Where link tokens are kept, the API that opens them, and how long links and packages last. */
export interface DownloadLinkSettings {
  readonly table: string;
  readonly publicApiUrl: string;
  readonly downloadLinkHours: number;
  readonly packageExpiryDays: number;
}

/** A fresh id for the download link a request's emails may carry; only the current one opens the package. */
export const newLinkId = () => randomBytes(12).toString('base64url');

/**
 * Issues a download link for the request's package under `linkId`: a new random token
 * (only its hash is stored), valid for the configured hours but never beyond the package.
 * The caller makes `linkId` the request's current link once the email is out, which
 * retires every earlier link.
 */
export async function issueDownloadLink(
  config: DownloadLinkSettings,
  request: DsrRequestRecord,
  linkId: string,
) {
  const now = Date.now();
  const packageExpiresAt = request.downloadLink?.packageExpiresAt ?? new Date(now + config.packageExpiryDays * 86_400_000).toISOString();
  const linkExpiresAt = new Date(Math.min(now + config.downloadLinkHours * 3_600_000, Date.parse(packageExpiresAt))).toISOString();
  const token = await new LinkTokens(config.table).issue({
    purpose: 'download',
    requestId: request.requestId,
    expiresAt: linkExpiresAt,
    objectKey: request.package!.key,
    linkId,
  });
  return {
    downloadUrl: `${config.publicApiUrl}/v1/downloads/${token}`,
    linkExpiresAt,
    packageExpiresAt,
    record: { linkId, linkExpiresAt, packageExpiresAt },
  };
}
