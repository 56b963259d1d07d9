/**
 * Meeting times said explicitly: a wall clock in a named zone with its UTC offset ("2027-01-05 10:00 Lima (UTC−5)").
 * Pure functions on Intl, so the same instant reads the same in a page, an e-mail and a calendar file.
 */

export function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical IANA name ('america/lima' → 'America/Lima'), or null when it is not one. */
export function canonicalTimeZone(zone: string): string | null {
  if (!validTimeZone(zone)) return null;
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}

/** Every zone a person can choose: UTC, then the IANA zones this runtime knows, by name. */
export const TIME_ZONE_CHOICES: readonly string[] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC'),
];

function parts(date: Date, zone: string): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
}

/** Milliseconds `zone` is ahead of UTC at `instant`. */
export function zoneOffsetMs(instant: number, zone: string): number {
  const p = parts(new Date(instant), zone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** A `datetime-local` value ("2027-01-05T10:00") read as a wall clock in `zone`; null when it cannot be read. */
export function zonedToInstant(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(local.trim());
  if (!m || !validTimeZone(zone)) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  let instant = wall - zoneOffsetMs(wall, zone);
  instant = wall - zoneOffsetMs(instant, zone); // once more, for a date on the other side of a DST change
  return new Date(instant);
}

/**
 * Whether a `datetime-local` value names a wall-clock time the zone skips: the hour the clocks jump over when they
 * move forward (2027-03-14 02:30 in America/New_York). `zonedToInstant` would read it as an instant an hour off, so
 * callers refuse it. A time the zone repeats when the clocks go back is not skipped (it reads as its first
 * occurrence), nor is a value that cannot be read at all (null from `zonedToInstant` says that).
 */
export function skippedLocalTime(local: string, zone: string): boolean {
  const instant = zonedToInstant(local, zone);
  if (!instant) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(local.trim());
  return m !== null && wallClock(instant, zone) !== `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}`;
}

/** "UTC−5", "UTC+5:30", "UTC" (a true minus sign, as the issue writes it). */
export function offsetLabel(instant: Date, zone: string): string {
  const minutes = Math.round(zoneOffsetMs(instant.getTime(), zone) / 60_000);
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** The zone's city as people say it: "America/New_York" → "New York"; "UTC" stays "UTC". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** "Lima (UTC−5)". */
export function zoneLabel(instant: Date, zone: string): string {
  const city = zoneCity(zone);
  const offset = offsetLabel(instant, zone);
  return city === 'UTC' ? 'UTC' : [city, `(${offset})`].join(' ');
}

/** "2027-01-05 10:00" on the wall clock of `zone`. */
export function wallClock(instant: Date, zone: string): string {
  const p = parts(instant, zone);
  return `${p.year}-${p.month}-${p.day} ${String(Number(p.hour) % 24).padStart(2, '0')}:${p.minute}`;
}

/** "2027-01-05 10:00 Lima (UTC−5)". */
export function zonedTime(instant: Date, zone: string): string {
  return `${wallClock(instant, zone)} ${zoneLabel(instant, zone)}`;
}
