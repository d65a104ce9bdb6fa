/** The reply when part or all of a request is refused (emails/rejection.ts). */
export const rejection = {
  title: 'We cannot carry out your privacy request',
  partialTitle: 'We cannot fully carry out your privacy request',
  /** Follows "On … we received your request (…)." */
  then: 'We have decided not to act on it. Below we set out why.',
  partialThen: 'We are carrying out part of it, but not all of it. Below we set out our decision on each right, and why.',
};
