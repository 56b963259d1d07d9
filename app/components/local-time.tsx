import { useEffect, useState } from 'react';

/**
 * A time in the reader's own time zone, with the zone named. The server renders UTC (it cannot know the zone);
 * after hydration the browser switches to its own zone, so nobody has to guess which clock a meeting is on.
 */
export function LocalTime({ value, withDate = false }: { value: string; withDate?: boolean }) {
  const date = new Date(value);
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}), timeZone: zone ?? 'UTC' };
  const text = new Intl.DateTimeFormat('en-CA', options).format(date).replace(',', '');
  return (
    <time dateTime={date.toISOString()} title={`${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`}>
      {text} <span className="tz">{zone ?? 'UTC'}</span>
    </time>
  );
}
