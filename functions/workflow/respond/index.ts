import {
  accessReady,
  erasureReport,
  identityExpired,
  noData,
  rejection,
} from '../../core/render/index.js';
import { readStoreResults } from '../../connectors/progress.js';
import type { DsrRequestRecord } from '../../core/request/model.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { LinkTokens } from '../../shared/link-tokens.js';
import { sendOnce, type RenderedEmail } from '../../shared/mailer.js';
import { workflowEnv, type WorkflowEnv } from '../../shared/workflow-env.js';

type Reply = 'result' | 'no_data' | 'rejection' | 'identity_expired';

/** Emails the data subject the reply the workflow reached; each kind goes out once. */
export function createHandler(env: Record<string, string>) {
  const config = workflowEnv(env);
  const links = new LinkTokens(config.table);

  async function send(request: DsrRequestRecord, kind: string, render: () => Promise<RenderedEmail> | RenderedEmail) {
    if ((await config.repo.sentMails(request.requestId)).includes(kind)) return;
    await sendOnce(config.repo, {
      requestId: request.requestId,
      kind,
      from: config.senderEmail,
      to: request.contactEmail,
      email: await render(),
    });
  }

  return stepHandler('respond', async (event: { requestId: string; reply: Reply }) => {
    const request = await config.repo.get(event.requestId);
    const { locale, requestId } = request;
    switch (event.reply) {
      case 'identity_expired':
        return send(request, 'identity_expired', () =>
          identityExpired({ locale, requestId, receivedAt: request.receivedAt, types: request.types, confirmBy: new Date().toISOString() }));
      case 'no_data':
        return send(request, 'no_data', () => noData({ locale, requestId, receivedAt: request.receivedAt, types: request.types }));
      case 'rejection':
        return send(request, 'rejection', () =>
          rejection({
            locale,
            requestId,
            receivedAt: request.receivedAt,
            types: request.types,
            reasonCode: request.rejection?.reasonCode ?? 'other',
            facts: request.rejection?.facts ?? '',
            partial: false,
          }));
      case 'result':
        return sendResult(config, links, request, send);
    }
  });
}

async function sendResult(
  config: WorkflowEnv,
  links: LinkTokens,
  request: DsrRequestRecord,
  send: (request: DsrRequestRecord, kind: string, render: () => Promise<RenderedEmail> | RenderedEmail) => Promise<void>,
) {
  const { locale, requestId } = request;
  const stores = await readStoreResults(config.table, requestId);
  if (request.package) {
    const pkg = request.package;
    await send(request, 'access_ready', async () => {
      const linkExpiresAt = new Date(Date.now() + config.downloadLinkHours * 3_600_000).toISOString();
      const token = await links.issue({ purpose: 'download', requestId, expiresAt: linkExpiresAt, objectKey: pkg.key });
      return accessReady({
        locale,
        requestId,
        types: request.types,
        downloadUrl: `${config.publicApiUrl}/v1/downloads/${token}`,
        linkExpiresAt,
        packageExpiresAt: new Date(Date.now() + config.packageExpiryDays * 86_400_000).toISOString(),
        stores: stores.filter((s) => s.action === 'collect').map((s) => ({ storeId: s.storeId, itemCount: s.items })),
      });
    });
  }
  if (request.types.includes('erasure')) {
    const erasures = stores.filter((s) => s.action === 'erase');
    await send(request, 'erasure_report', () =>
      erasureReport({
        locale,
        requestId,
        erased: erasures.filter((s) => s.items > 0).map((s) => ({ storeId: s.storeId, itemCount: s.items })),
        kept: erasures
          .filter((s) => s.retained > 0 && s.retainedUntil)
          .map((s) => ({ storeId: s.storeId, itemCount: s.retained, keptUntil: s.retainedUntil! })),
      }));
  }
}

export const handler = lambdaEntry(createHandler);
