/** The requester withdrew the request (emails/cancellation.ts). */
import { privacyLink } from '../../layout.js';

export const cancellation = {
  title: 'Your privacy request has been withdrawn',
  /** Follows "On … we received your request (…)." */
  then: 'You told us that you withdraw it. We confirm that we have closed the request.',
  nothingDone: 'We have not provided, erased or changed any data in response to this request.',
  newRequest: [
    'You can submit a new request at any time at ',
    privacyLink(),
    ' or from your Kiara dashboard. If you did not withdraw this request, please let us know at the same address.',
  ],
};
