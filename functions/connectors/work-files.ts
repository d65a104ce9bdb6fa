import type { S3Client } from '@aws-sdk/client-s3';
import { s3Client } from '../shared/aws-clients.js';
import { exportKeys } from './keys.js';
import { deletePrefix } from './s3-delete.js';

/**
 * Removes the request's work files (parts and copied objects) once the package exists or
 * the request closes. Apart from package.ts, so that Close does not bundle the ZIP writer.
 */
export async function deleteWorkFiles(exportBucket: string, requestId: string, client: S3Client = s3Client()): Promise<number> {
  return deletePrefix(exportBucket, exportKeys.work(requestId), client);
}
