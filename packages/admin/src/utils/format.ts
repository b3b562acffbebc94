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
