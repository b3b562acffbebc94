/** One calendar day after a `YYYY-MM-DD` date (calendar arithmetic, no time zone involved). */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Daily counts with the days between the first and the last that had none, counted as zero (a
 * line of submissions per day must not skip quiet days). `until` extends the series to that day.
 */
export function withQuietDays(
  counts: readonly { key: string; count: number }[],
  until?: string,
): { key: string; count: number }[] {
  const sorted = [...counts].sort((a, b) => a.key.localeCompare(b.key));
  if (sorted.length === 0) return [];
  const byDay = new Map(sorted.map((item) => [item.key, item.count]));
  const last = until && until > sorted.at(-1)!.key ? until : sorted.at(-1)!.key;
  const days: { key: string; count: number }[] = [];
  // Bounded: a year of days at most, whatever the data says.
  for (let day = sorted[0]!.key; day <= last && days.length < 366; day = nextDay(day))
    days.push({ key: day, count: byDay.get(day) ?? 0 });
  return days;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
