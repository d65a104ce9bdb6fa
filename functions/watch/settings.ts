import type { WatchSettings } from '../core/watch/watch.js';

/** `REMINDER_DAYS_BEFORE`: comma-separated days before the strict deadline (default 7,2). */
export function reminderSettings(env: Record<string, string>): WatchSettings {
  const days = (env.REMINDER_DAYS_BEFORE ?? '7,2').split(',').map((value) => Number(value.trim()));
  if (days.some((day) => !Number.isInteger(day) || day < 0)) {
    throw new Error('REMINDER_DAYS_BEFORE must be whole numbers of days, e.g. "7,2"');
  }
  return { reminderDaysBefore: days };
}
