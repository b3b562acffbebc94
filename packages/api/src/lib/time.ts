import { TZDate } from '@date-fns/tz';

/** A zone's offset during a quarter of an hour: what its wall clock adds to UTC, and the ISO suffix. */
interface QuarterOffset {
  deltaMs: number;
  suffix: string;
}

const QUARTER_MS = 15 * 60_000;
const OFFSETS_KEPT = 4_096;
/** Per time zone, the offsets of the quarter hours met lately (a list formats thousands of instants). */
const offsets = new Map<string, Map<number, QuarterOffset | null>>();

function offsetAt(ms: number, timeZone: string): QuarterOffset {
  const iso = new TZDate(ms, timeZone).toISOString();
  const wall = iso.slice(0, iso.length - 6);
  return { deltaMs: Date.parse(`${wall}Z`) - ms, suffix: iso.slice(wall.length) };
}

/**
 * The zone's offset for the quarter hour holding `ms`, or null when it changes within it (a
 * historical change at an odd instant): zones change their offsets on quarter hours nowadays, so
 * one look-up in the time zone database serves every instant of the quarter.
 */
function quarterOffset(ms: number, timeZone: string): QuarterOffset | null {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = offsetAt(quarter * QUARTER_MS, timeZone);
    const end = offsetAt((quarter + 1) * QUARTER_MS - 1, timeZone);
    offset = start.deltaMs === end.deltaMs && start.suffix === end.suffix ? start : null;
    if (zone.size >= OFFSETS_KEPT) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/**
 * ISO 8601 with the offset of the time zone, e.g. `2024-08-16T00:00:00.000+08:00`, of a date or of
 * an instant as text with its offset (PostgreSQL's JSON of a timestamptz).
 */
export function isoInZone(date: Date | string, timeZone: string): string {
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  const offset = quarterOffset(ms, timeZone);
  if (!offset) return new TZDate(ms, timeZone).toISOString();
  return new Date(ms + offset.deltaMs).toISOString().slice(0, -1) + offset.suffix;
}

export function isoInZoneOrNull(date: Date | string | null, timeZone: string): string | null {
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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * The `date-time` format of every schema (RFC 3339): a real calendar date and time, whose instant
 * falls between the years 1 and 9999 (UTC). A year 0000, which RFC 3339 allows, is an instant
 * PostgreSQL cannot store, so it is refused at the edge (400) rather than by the database (500).
 */
export function isStorableInstant(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year!) ? 1 : 0);
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth) return false;
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHours > 23 || offsetMinutes > 59) return false;
  const utcYear = new Date(Date.parse(text)).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
