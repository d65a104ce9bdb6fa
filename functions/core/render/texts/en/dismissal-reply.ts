/** The reply to a mail to the privacy address that asked for no GDPR right (emails/dismissal-reply.ts). */
export const dismissalReply = {
  subject: (reference: string) => `Your email to our privacy address (${reference})`,
  title: 'Your email to our privacy address',
  notARequest: (received: string) =>
    `We have read your email of ${received}. It does not ask to exercise any of your rights under the GDPR, so we do not handle it as a privacy request.`,
  /** After the privacy team's own words. */
  ifYouDo:
    'If you do wish to exercise one of your privacy rights, such as access to or erasure of your data, please reply to this email and say which right you mean.',
};
