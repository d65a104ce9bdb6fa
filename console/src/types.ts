/** The admin API's shapes, as the console reads them (see functions/admin/). */
export interface Summary {
  requestId: string;
  types: string[];
  status: string;
  open: boolean;
  pendingStep: string | null;
  channel: string;
  receivedAt: string;
  receiptDate: string;
  deadline: string;
  strictDeadline: string;
  /** Art. 12(4): the one-month legal date by which a refusal must reach the person. */
  refusalDeadline: string;
  extended: boolean;
  daysLeft: number | null;
  closedAt: string | null;
}

export interface QueuePage {
  items: Summary[];
  cursor: string | null;
}

export interface PendingStep {
  step: string;
  stepKey: string;
  status: string;
  createdAt: string;
  details?: { storeId?: string; action?: string; error?: string };
}

export interface StoreResult {
  storeId: string;
  action: string;
  items: number;
  bytes: number;
  retained: number;
  retainedUntil?: string;
  parts: string[];
}

export interface AuditEvent {
  type: string;
  actor: string;
  at: string;
  details?: Record<string, unknown>;
}

export interface DeadlinePair {
  strict: string;
  legal: string;
}

export interface Detail extends Summary {
  locale: string;
  contactEmail: string;
  deadlines: { initial: DeadlinePair; extended: DeadlinePair };
  extension: { reason: string; extendedBy: string; extendedAt: string; subjectNotifiedAt?: string } | null;
  /** Emails queued with a change (e.g. the extension notice) that have not gone out yet. */
  noticesPending?: string[];
  /** The current download link's expiry and the package's deletion. */
  downloadLink?: { linkExpiresAt: string; packageExpiresAt: string } | null;
  decision: { rights: Record<string, { decision: string; ground?: string; facts?: string }>; decidedBy: string; decidedAt: string; late?: boolean } | null;
  outcome?: { text: string; decidedBy: string; decidedAt: string } | null;
  extendable?: { ok: true } | { ok: false; code: string; message: string };
  subjectFound: boolean | null;
  pendingSteps: PendingStep[];
  stores: StoreResult[];
  emailsSent: string[];
  audit: AuditEvent[];
}
