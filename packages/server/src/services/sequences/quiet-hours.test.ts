import { describe, expect, it } from 'vitest';
import { leadTimeZone } from './lead-time-zone.js';
import { nextAllowedTime } from './quiet-hours.js';

const NIGHT = { start: '21:00', end: '08:00' };

describe('nextAllowedTime', () => {
  it('leaves an allowed time alone and moves a quiet one to the end of the window, in the zone', () => {
    // 15:00 in Los Angeles (PST, UTC−8) is allowed.
    expect(nextAllowedTime(new Date('2026-12-02T23:00:00Z'), 'America/Los_Angeles', NIGHT)).toEqual(
      new Date('2026-12-02T23:00:00Z'),
    );
    // 22:30 in Los Angeles: the next 08:00 there is the next day, 16:00 UTC.
    expect(nextAllowedTime(new Date('2026-12-03T06:30:00Z'), 'America/Los_Angeles', NIGHT)).toEqual(
      new Date('2026-12-03T16:00:00Z'),
    );
    // 03:00 in New York (EST, UTC−5): 08:00 the same day.
    expect(nextAllowedTime(new Date('2026-12-03T08:00:00Z'), 'America/New_York', NIGHT)).toEqual(
      new Date('2026-12-03T13:00:00Z'),
    );
    // The same instant is allowed in Tokyo (17:00).
    expect(nextAllowedTime(new Date('2026-12-03T08:00:00Z'), 'Asia/Tokyo', NIGHT)).toEqual(
      new Date('2026-12-03T08:00:00Z'),
    );
  });

  it('follows daylight saving: the window ends at 08:00 local on either side of the change', () => {
    // New York springs forward on 2026-03-08: 08:00 that morning is EDT, UTC−4.
    expect(nextAllowedTime(new Date('2026-03-08T06:00:00Z'), 'America/New_York', NIGHT)).toEqual(
      new Date('2026-03-08T12:00:00Z'),
    );
    // And falls back on 2026-11-01: 08:00 is EST, UTC−5.
    expect(nextAllowedTime(new Date('2026-11-01T05:30:00Z'), 'America/New_York', NIGHT)).toEqual(
      new Date('2026-11-01T13:00:00Z'),
    );
  });

  it('handles a window inside one day, its edges, and no window', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(nextAllowedTime(new Date('2026-12-02T12:00:00Z'), 'UTC', lunch)).toEqual(
      new Date('2026-12-02T13:30:00Z'),
    );
    expect(nextAllowedTime(new Date('2026-12-02T13:30:00Z'), 'UTC', lunch)).toEqual(
      new Date('2026-12-02T13:30:00Z'),
    );
    expect(nextAllowedTime(new Date('2026-12-02T11:59:00Z'), 'UTC', lunch)).toEqual(
      new Date('2026-12-02T11:59:00Z'),
    );
    expect(nextAllowedTime(new Date('2026-12-02T21:00:00Z'), 'UTC', NIGHT)).toEqual(
      new Date('2026-12-03T08:00:00Z'),
    );
    expect(nextAllowedTime(new Date('2026-12-02T23:00:00Z'), 'UTC', null)).toEqual(
      new Date('2026-12-02T23:00:00Z'),
    );
  });
});

describe('leadTimeZone', () => {
  const lead = (customFields: Record<string, unknown>, property: Record<string, unknown>) => ({
    customFields,
    property,
  });

  it('reads the lead’s own zone, then its state, then the organisation’s, then New York', () => {
    expect(leadTimeZone(lead({ time_zone: 'Europe/Madrid' }, { state: 'CA' }), {})).toBe('Europe/Madrid');
    expect(leadTimeZone(lead({ time_zone: 'Mars/Olympus' }, { state: 'ia' }), {})).toBe('America/Chicago');
    expect(leadTimeZone(lead({}, {}), { time_zone: 'America/Denver' })).toBe('America/Denver');
    expect(leadTimeZone(lead({}, { state: 'ZZ' }), { time_zone: 42 })).toBe('America/New_York');
  });
});
