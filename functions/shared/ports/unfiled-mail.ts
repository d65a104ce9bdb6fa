import type { UnfiledMail } from '../../core/mail/unfiled.js';

export type { UnfiledMail };

/** The unfiled mail the team has not cleared yet, oldest first. */
export interface UnfiledMailList {
  items: UnfiledMail[];
  /** More are kept than one read returns (a flood): `items` are the oldest of those read. */
  more: boolean;
}

/** Who cleared an entry, when, and what became of the mail (a request filed from it, or why it is none). */
export interface UnfiledMailClearance {
  clearedBy: string;
  clearedAt: string;
  note: string;
}

/** Mail the intake did not file, kept for the privacy team (`DynamoUnfiledMail` on the requests table). */
export interface UnfiledMailRepo {
  /** Keeps one entry per mail id: a repeated delivery writes the same. */
  record(mail: UnfiledMail): Promise<void>;
  /** The entries not cleared yet. */
  list(): Promise<UnfiledMailList>;
  /** Clears an entry, kept with who, when and the note; false when there is no uncleared entry for the id. */
  clear(mailId: string, clearance: UnfiledMailClearance): Promise<boolean>;
}
