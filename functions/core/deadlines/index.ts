/**
 * Deadline arithmetic for data-subject requests: pure, no AWS, Temporal only.
 * Rules: /work/shared/docs/gdpr-rules.md §§1-3.
 */
export { DEFAULT_DEADLINE_SETTINGS, resolveSettings, type DeadlineSettings } from './settings.js';
export { InvalidDateError, InvalidInstantError, InvalidPauseError } from './errors.js';
export { atLocalTime, endOfDay, localDate, parseDate, parseReceiptInstant, startOfNextDay, toInstant } from './time.js';
export { DECREE_DAYS, dutchHolidays, easterSunday, isDutchHoliday, type Holiday } from './holidays.js';
export { isNonWorkingDay, rollForward } from './working-days.js';
export {
  addMonths,
  canExtend,
  computeDeadlines,
  daysLeft,
  deadlineFor,
  isLateRefusal,
  isOverdue,
  refusalDeadline,
  type CanExtendResult,
  type DeadlineMonths,
  type DeadlinePair,
  type RequestDeadlines,
  type SingleDeadline,
} from './deadlines.js';
export { applyIdentityPauses, pausedDays, type IdentityPause } from './pauses.js';
export {
  DEFAULT_REMINDER_DAYS_BEFORE,
  reminderPoints,
  type ReminderKind,
  type ReminderOptions,
  type ReminderPoint,
} from './reminders.js';
