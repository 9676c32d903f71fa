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
  /**
   * acquire, waiting at most `ms` in the same line: null (nothing taken) when the slots were not granted by then, or
   * at once when they never could be. 0: only if free now and nobody waits before.
   */
  acquireWithin(n: number, ms: number): Promise<(() => void) | null>;
  readonly capacity: number;
}

export function createSlots(capacity: number): Slots {
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`slots: capacity must be a whole number ≥ 1, not ${capacity}`);
  let free = capacity;
  const waiting: { n: number; grant: () => void }[] = [];

  // In arrival order: a large request at the head is not overtaken by small ones (it would starve).
  const grantWaiting = () => {
    while (waiting.length > 0 && waiting[0]!.n <= free) {
      const w = waiting.shift()!;
      free -= w.n;
      w.grant();
    }
  };
  const release = (n: number) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      free += n;
      grantWaiting();
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
    acquireWithin(n, ms) {
      if (!Number.isSafeInteger(n) || n < 1 || n > capacity) return Promise.resolve(null);
      if (waiting.length === 0 && n <= free) {
        free -= n;
        return Promise.resolve(release(n));
      }
      if (!(ms > 0)) return Promise.resolve(null);
      return new Promise((resolve) => {
        const w = {
          n,
          grant: () => {
            clearTimeout(timer);
            resolve(release(n));
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(w), 1);
          // It may have held up smaller requests behind it that fit now.
          grantWaiting();
          resolve(null);
        }, ms);
        waiting.push(w);
      });
    },
  };
}
