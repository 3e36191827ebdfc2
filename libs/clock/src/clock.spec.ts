import { clockStartingAt, ManualClock, systemClock } from './clock';

describe('clocks', () => {
  it('a manual clock reads what it was set to, and moves only when told', () => {
    const clock = new ManualClock('2027-03-01T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-03-01T09:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2027-03-01T09:01:30.000Z');
    clock.set(new Date('2028-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2028-01-01T00:00:00.000Z');
    // Each reading is a new Date: a caller that changes it changes nothing for the next.
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2028);
  });

  it('refuses an instant that is not one', () => {
    expect(() => new ManualClock('not a date')).toThrow(/invalid start instant/);
    expect(() => new ManualClock('2027-01-01T00:00:00Z').set('tomorrow')).toThrow(/invalid instant/);
    expect(() => clockStartingAt(new Date('nope'))).toThrow(/invalid start instant/);
  });

  it('a clock started at an instant runs on with monotonic time from there', () => {
    let monotonic = 1_000;
    const clock = clockStartingAt(new Date('2030-06-30T22:00:00Z'), () => monotonic);
    expect(clock.now().toISOString()).toBe('2030-06-30T22:00:00.000Z');
    monotonic += 7_200_000;
    expect(clock.now().toISOString()).toBe('2030-07-01T00:00:00.000Z');
  });

  it('the system clock reads the machine clock', () => {
    const before = Date.now();
    const read = systemClock.now().getTime();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });
});
