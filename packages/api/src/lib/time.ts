import { TZDate } from '@date-fns/tz';

/** ISO 8601 with the offset of the time zone, e.g. `2024-08-16T00:00:00.000+08:00`. */
export function isoInZone(date: Date, timeZone: string): string {
  return new TZDate(date.getTime(), timeZone).toISOString();
}

export function isoInZoneOrNull(date: Date | null, timeZone: string): string | null {
  return date ? isoInZone(date, timeZone) : null;
}
