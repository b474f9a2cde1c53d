/** The longest delay Node's timers take (2^31-1 ms, about 24.8 days): past it, a timer fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
}

/**
 * `setTimeout` for any delay, however long: a delay past MAX_TIMER_MS is waited in steps of at
 * most that, so `timeout: 30d`, `sla: 30d` and a retry-delay of 30 days wait their 30 days
 * instead of firing at once. `unref`: the timer does not keep the process alive.
 */
export function setLongTimeout(callback: () => void, ms: number, options: { unref?: boolean } = {}): LongTimer {
  let left = ms;
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    const wait = Math.min(left, MAX_TIMER_MS);
    left -= wait;
    timer = setTimeout(() => (left > 0 ? step() : callback()), wait);
    if (options.unref) timer.unref();
  };
  step();
  return { clear: () => clearTimeout(timer) };
}
