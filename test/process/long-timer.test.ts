import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, setLongTimeout } from '../../src/process/long-timer.js';

const DAY = 86_400_000;

describe('setLongTimeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits a delay past 2^31-1 ms whole, where setTimeout fires at once', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    setTimeout(() => fired.push('setTimeout'), 30 * DAY);
    setLongTimeout(() => fired.push('long'), 30 * DAY);
    vi.advanceTimersByTime(5);
    expect(fired).toEqual(['setTimeout']); // Node's own limit, as the fake timers keep it
    vi.advanceTimersByTime(30 * DAY - 10);
    expect(fired).toEqual(['setTimeout']);
    vi.advanceTimersByTime(5);
    expect(fired).toEqual(['setTimeout', 'long']);
  });

  it('fires once at its delay under the limit, at the limit, and not at all once cleared', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    for (const ms of [10, MAX_TIMER_MS, MAX_TIMER_MS + 1]) setLongTimeout(() => fired.push(ms), ms);
    const cleared = setLongTimeout(() => fired.push(-1), 3 * MAX_TIMER_MS);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    cleared.clear();
    vi.advanceTimersByTime(3 * MAX_TIMER_MS);
    expect(fired).toEqual([10, MAX_TIMER_MS, MAX_TIMER_MS + 1]);
  });
});
