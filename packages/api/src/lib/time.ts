import { TZDate } from '@date-fns/tz';

/** ISO 8601 with the offset of the time zone, e.g. `2024-08-16T00:00:00.000+08:00`. */
export function isoInZone(date: Date, timeZone: string): string {
  return new TZDate(date.getTime(), timeZone).toISOString();
}

export function isoInZoneOrNull(date: Date | null, timeZone: string): string | null {
  return date ? isoInZone(date, timeZone) : null;
}

/** The same instant `years` later (earlier if negative), as a calendar would move it (Feb 29 → Mar 1). */
export function shiftYears(date: Date, years: number): Date {
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
  return shifted;
}

export function shiftYearsOrNull(date: Date | null, years: number): Date | null {
  return date ? shiftYears(date, years) : null;
}
