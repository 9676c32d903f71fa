/**
 * A counting semaphore over the SMTP pool's connections. A deliver job marks its rows "transmitting" when it
 * claims them (one commit), and a row marked so is parked after a crash as "may have been delivered": so a job
 * takes as many free connections as it has rows *before* it claims them, and no row waits in the pool's queue
 * while marked. All or nothing, first come first served: two jobs each holding part of what they need cannot
 * wait on each other forever.
 */
export interface Slots {
  /** Waits until `n` slots (1 ≤ n ≤ capacity) are free and takes them; the function gives them back (once). */
  acquire(n: number): Promise<() => void>;
  /** Takes `n` slots only if they are free now and nobody waits before; null otherwise (nothing taken). */
  tryAcquire(n: number): (() => void) | null;
  readonly capacity: number;
}

export function createSlots(capacity: number): Slots {
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`slots: capacity must be a whole number ≥ 1, not ${capacity}`);
  let free = capacity;
  const waiting: { n: number; grant: () => void }[] = [];

  const release = (n: number) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      free += n;
      // In arrival order: a large request at the head is not overtaken by small ones (it would starve).
      while (waiting.length > 0 && waiting[0]!.n <= free) {
        const w = waiting.shift()!;
        free -= w.n;
        w.grant();
      }
    };
  };

  return {
    capacity,
    acquire(n) {
      if (!Number.isSafeInteger(n) || n < 1 || n > capacity) return Promise.reject(new RangeError(`slots: cannot take ${n} of ${capacity}`));
      if (waiting.length === 0 && n <= free) {
        free -= n;
        return Promise.resolve(release(n));
      }
      return new Promise((resolve) => waiting.push({ n, grant: () => resolve(release(n)) }));
    },
    tryAcquire(n) {
      if (!Number.isSafeInteger(n) || n < 1 || n > capacity || waiting.length > 0 || n > free) return null;
      free -= n;
      return release(n);
    },
  };
}
