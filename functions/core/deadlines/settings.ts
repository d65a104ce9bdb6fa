/** The interpretations that gdpr-rules.md asks to be settings, with their defaults. */
export interface DeadlineSettings {
  /** The zone whose calendar decides the receipt day and the end of a day. */
  timeZone: string;
  /** Roll a deadline on a weekend or Atw holiday forward to the next working day. */
  rollForward: boolean;
  /** Let identity pauses move the legal limit (EDPB interpretation; off by default). */
  identityPause: boolean;
}

export const DEFAULT_DEADLINE_SETTINGS: Readonly<DeadlineSettings> = Object.freeze({
  timeZone: 'Europe/Amsterdam',
  rollForward: true,
  identityPause: false,
});

/** Fill in defaults; an explicit `undefined` also means "use the default". */
export function resolveSettings(settings: Partial<DeadlineSettings> = {}): DeadlineSettings {
  return {
    timeZone: settings.timeZone ?? DEFAULT_DEADLINE_SETTINGS.timeZone,
    rollForward: settings.rollForward ?? DEFAULT_DEADLINE_SETTINGS.rollForward,
    identityPause: settings.identityPause ?? DEFAULT_DEADLINE_SETTINGS.identityPause,
  };
}
