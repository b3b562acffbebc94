/** An instant shown in the edition's time zone, e.g. `2024-07-15 10:00`. */
export function formatInZone(iso: string | null | undefined, timeZone: string, locale = 'zh-CN'): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The name of something with zh/en names in the UI locale. */
export function nameOf(item: { nameZh: string; nameEn: string } | null | undefined, locale: string): string {
  if (!item) return '—';
  return locale === 'en' ? item.nameEn : item.nameZh;
}

/** The Element Plus tag colour of a qualification status. */
export function statusType(status: string): 'success' | 'danger' | 'warning' | 'info' | 'primary' {
  if (status === 'approved') return 'success';
  if (status === 'rejected') return 'danger';
  if (status === 'returned') return 'warning';
  return status === 'submitted' ? 'primary' : 'info';
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** An instant as the wall-clock time `YYYY-MM-DD HH:mm:ss` of the zone (for date pickers). */
export function toZonedWallTime(iso: string, timeZone: string): string {
  const instant = new Date(iso).getTime();
  const wall = new Date(instant + zoneOffset(instant, timeZone));
  return wall.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The instant of a wall-clock time `YYYY-MM-DD HH:mm:ss` in the zone, whatever the browser's
 * own zone is: organizers edit stage dates in the edition's time zone.
 */
export function fromZonedWallTime(wall: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!match) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  let instant = asUtc - zoneOffset(asUtc, timeZone);
  const corrected = asUtc - zoneOffset(instant, timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** A score or a result with two decimals (`87.50`); `—` when there is none. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(2);
}
