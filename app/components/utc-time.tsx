/** A timestamp with its time zone said explicitly: "2027-03-31 14:05 UTC". */
export function formatUtc(value: string | Date | null | undefined): string | null {
  if (!value) return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A `<time>` element showing the timestamp in UTC, the zone named. */
export function UtcTime({ value }: { value: string | Date | null | undefined }) {
  const label = formatUtc(value);
  if (!label || !value) return null;
  return <time dateTime={new Date(value).toISOString()}>{label}</time>;
}
