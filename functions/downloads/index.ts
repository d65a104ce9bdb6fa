import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { downloadExpiredPage, downloadRevokedPage, verifyResultPage } from '../core/render/index.js';
import { s3Client } from '../shared/aws-clients.js';
import { readEnvironment } from '../shared/contract.js';
import { httpHandler } from '../shared/http/handler.js';
import { html, redirect } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { LinkTokens } from '../shared/link-tokens.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { isLinkToken } from '../shared/tokens.js';
import { downloadsContract } from './contract.js';

/** Seconds the S3 link we redirect to stays valid: just long enough to start the download. */
const PRESIGNED_SECONDS = 300;

/**
 * The download link in the reply email. It stays valid for days, but each visit gets a
 * fresh five-minute S3 link, so the emailed URL never embeds AWS credentials and an
 * expired link shows a page that says what to do.
 */
export function createHandler(env: Record<string, string>) {
  const { REQUESTS_TABLE: table, EXPORT_BUCKET: bucket } = readEnvironment(downloadsContract, env);
  const links = new LinkTokens(table);
  const repo = new DynamoRequestsRepo(table);

  return httpHandler('downloads', async (event) => {
    const token = event.pathParameters?.token ?? '';
    // Never one of our links (cut short by a mail client, say): nothing to look up, and the
    // page says to check the link (it did not expire), as the identity link's does.
    if (!isLinkToken(token)) return html(404, verifyResultPage({ outcome: 'invalid', locale: 'en' }));
    const link = await links.find('download', token);
    const request = link ? await repo.find(link.requestId) : undefined;
    // A reissued link retires the earlier ones: only the request's current link opens.
    const retired = Boolean(request?.downloadLink && link?.linkId !== request.downloadLink.linkId);
    if (!link?.objectKey || !request || retired || Date.parse(link.expiresAt) < Date.now()) {
      return html(410, downloadExpiredPage({ locale: request?.locale ?? 'en' }));
    }
    // A later erasure deleted the package (functions/workflow/erase-packages).
    if (request.packageRevoked) return html(410, downloadRevokedPage({ locale: request.locale }));
    await repo.audit(request.requestId, { type: 'package_downloaded', actor: 'data-subject' });
    const url = await getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucket, Key: link.objectKey }), {
      expiresIn: PRESIGNED_SECONDS,
    });
    return redirect(url);
  });
}

export const handler = lambdaEntry(createHandler);
