import type { SendEmailCommand } from '@aws-sdk/client-ses';
import { vi } from 'vitest';
import { sesClient } from '../../functions/shared/aws-clients.js';

/**
 * Makes the handlers' SES client (of this process: the embedded runtime) refuse every email
 * to `address` as SES refuses a suppressed one (MessageRejected), counting the tries, until
 * `restore`. A client mock, to force the error path no emulator produces.
 */
export function refuseAddress(address: string) {
  const client = sesClient();
  const realSend = client.send.bind(client);
  const refused = { tries: 0 };
  const send = vi.spyOn(client, 'send').mockImplementation((async (command: SendEmailCommand) => {
    if (command.input.Destination?.ToAddresses?.includes(address)) {
      refused.tries += 1;
      throw Object.assign(new Error(`Address blacklisted: ${address}`), { name: 'MessageRejected' });
    }
    return realSend(command);
  }) as never);
  return Object.assign(refused, { restore: () => send.mockRestore() });
}
