import { useEffect, useState } from 'react';

/**
 * The reader's time zone, or null until the page has hydrated: the server renders UTC (it cannot know the zone),
 * and the first render in the browser must match it, so the zone arrives one render later.
 */
export function useReaderTimeZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return zone;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as YYYY-MM-DD: messages are grouped by it. */
export function dayIn(value: string, zone: string | null): string {
  const timeZone = zone ?? 'UTC';
  // One formatter per zone: the room page asks this for every message on every render.
  let format = dayFormats.get(timeZone);
  if (!format)
    dayFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })),
    );
  return format.format(new Date(value));
}

/** The messages that open a new day in the reader's time zone (the first one always does). */
export function firstOfEachDay(
  items: ReadonlyArray<{ id: number; createdAt: string }>,
  zone: string | null,
): Set<number> {
  const firsts = new Set<number>();
  let previous: string | null = null;
  for (const item of items) {
    const day = dayIn(item.createdAt, zone);
    if (day !== previous) firsts.add(item.id);
    previous = day;
  }
  return firsts;
}

/**
 * A time in the reader's own time zone, with the zone named. The server renders UTC (it cannot know the zone);
 * after hydration the browser switches to its own zone, so nobody has to guess which clock a meeting is on.
 */
export function LocalTime({ value, withDate = false }: { value: string; withDate?: boolean }) {
  const date = new Date(value);
  const zone = useReaderTimeZone();
  const options: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
    timeZone: zone ?? 'UTC',
  };
  const text = new Intl.DateTimeFormat('en-CA', options).format(date).replace(',', '');
  return (
    <time dateTime={date.toISOString()} title={`${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`}>
      {text} <span className="tz">{zone ?? 'UTC'}</span>
    </time>
  );
}

/** A day spelled out in the reader's language and time zone ("Saturday, December 5, 2026" / "sábado, 5 de diciembre de 2026"). */
export function LocalDay({ value, lang, zone }: { value: string; lang: 'en' | 'es'; zone: string | null }) {
  const text = new Intl.DateTimeFormat(lang === 'es' ? 'es' : 'en-US', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone ?? 'UTC',
  }).format(new Date(value));
  return <time dateTime={dayIn(value, zone)}>{text}</time>;
}
