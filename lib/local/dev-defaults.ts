/**
 * Secrets of the local runtime when none are set. They protect nothing but a laptop and
 * are printed at start; AWS deployments use Secrets Manager and Cognito instead.
 */
export const DEV_WEBHOOK_SECRET = 'local-dev-webhook-secret';
export const DEV_ADMIN_TOKEN = 'local-dev-admin-token';
/** The intake's request-id key (Secrets Manager `RequestIdKey` in AWS). */
export const DEV_REQUEST_ID_KEY = 'local-dev-request-id-key';
/** The port `npm start` serves the API on unless PORT says otherwise. */
export const DEFAULT_PORT = 3000;
/** The local runtime's API on a port of this machine. */
export const localApiUrl = (port: number | string) => `http://127.0.0.1:${port}`;

/**
 * Art. 19 notice addresses of the local runtime (the `recipientContacts` setting): demo
 * addresses of every recipient, so an erasure's notices show in the local mailbox.
 */
export const DEV_RECIPIENT_CONTACTS: Readonly<Record<string, string>> = {
  hosting: 'privacy@hosting.example',
  payments: 'privacy@payments.example',
  'ai-compute': 'privacy@ai-compute.example',
  email: 'privacy@email.example',
};

/**
 * The AWS SDK's documented switch (aws/aws-sdk-js-v3#7983) for its NodeVersionSupportWarning
 * (SDK versions published after the first week of January 2027 require Node.js 22), which it
 * prints once per process on Node.js 20. The local tools set it in the processes they start
 * (the bench's sides and sections) and in the soak, where it is noise: the pinned SDK runs on
 * Node.js 20 (README "Try it").
 */
export const SDK_NODE_WARNING_OFF = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } as const;
