import { startEmulators, type Emulators } from '../local-runtime/emulators.js';

/**
 * Starts the emulators and points this process's AWS SDK clients at them (the clients in
 * functions/shared are created on first use, so call this before any of them runs).
 */
export async function startLocalAws(log: (line: string) => void = () => undefined): Promise<Emulators> {
  const emulators = await startEmulators({ log });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
    AWS_ENDPOINT_URL_SES: emulators.endpoints.ses,
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    // s3rver accepts only these; dynalite and the SES emulator accept anything.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  delete process.env.AWS_SESSION_TOKEN; // a real session's token must not travel with the emulator keys
  return emulators;
}
