import { describe, expect, it } from 'vitest';
import { dayIn, firstOfEachDay } from './local-time';

describe('days in the reader’s time zone', () => {
  it('puts an instant on the day of the zone, not of UTC', () => {
    // 03:30 UTC on 6 December is still the evening of the 5th in Lima (UTC−5), and morning of the 6th in Madrid.
    expect(dayIn('2026-12-06T03:30:00.000Z', 'America/Lima')).toBe('2026-12-05');
    expect(dayIn('2026-12-06T03:30:00.000Z', 'Europe/Madrid')).toBe('2026-12-06');
    expect(dayIn('2026-12-06T03:30:00.000Z', null)).toBe('2026-12-06');
  });

  it('marks the first message of each day, so a room that runs for weeks shows where days begin', () => {
    const messages = [
      { id: 1, createdAt: '2026-12-05T15:00:00.000Z' },
      { id: 2, createdAt: '2026-12-05T23:59:00.000Z' },
      { id: 3, createdAt: '2026-12-06T03:30:00.000Z' },
      { id: 4, createdAt: '2026-12-06T14:00:00.000Z' },
      { id: 5, createdAt: '2026-12-09T10:00:00.000Z' },
    ];
    expect([...firstOfEachDay(messages, 'UTC')]).toEqual([1, 3, 5]);
    // In Lima message 3 was sent the evening before: the 6th starts with message 4.
    expect([...firstOfEachDay(messages, 'America/Lima')]).toEqual([1, 4, 5]);
    expect(firstOfEachDay([], 'UTC').size).toBe(0);
  });
});
