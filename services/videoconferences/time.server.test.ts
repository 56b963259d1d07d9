import { describe, expect, it } from 'vitest';
import { skippedLocalTime, zonedToInstant } from './time.server';

/*
 * Outside tester: 2027-03-14 02:30 in America/New_York (the clocks jump from 02:00 to 03:00 that night) was read as
 * 01:30 EST and stored an hour early. Such a time is now recognized as skipped; the repeated hour of the change back
 * (2027-11-07 01:00–02:00) keeps reading as its first occurrence.
 */
describe('local times around daylight-saving changes', () => {
  it('knows the hour the clocks skip (2027-03-14 in New York, 2027-03-28 in Madrid) and only that hour', () => {
    expect(skippedLocalTime('2027-03-14T02:30', 'America/New_York')).toBe(true);
    expect(skippedLocalTime('2027-03-14T02:00', 'America/New_York')).toBe(true);
    expect(skippedLocalTime('2027-03-14T01:59', 'America/New_York')).toBe(false);
    expect(skippedLocalTime('2027-03-14T03:00', 'America/New_York')).toBe(false);
    expect(skippedLocalTime('2027-03-28T02:30', 'Europe/Madrid')).toBe(true);
    expect(skippedLocalTime('2027-03-14T02:30', 'America/Lima')).toBe(false); // no daylight-saving time
    expect(zonedToInstant('2027-03-14T03:00', 'America/New_York')?.toISOString()).toBe('2027-03-14T07:00:00.000Z');
  });

  it('reads a repeated time (2027-11-07 01:30 in New York) as its first occurrence, not as skipped', () => {
    expect(skippedLocalTime('2027-11-07T01:30', 'America/New_York')).toBe(false);
    expect(zonedToInstant('2027-11-07T01:30', 'America/New_York')?.toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });

  it('does not call a value it cannot read skipped', () => {
    expect(skippedLocalTime('tomorrow', 'America/New_York')).toBe(false);
    expect(skippedLocalTime('2027-03-14T02:30', 'Mars/Olympus')).toBe(false);
  });
});
