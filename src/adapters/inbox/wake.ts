/**
 * A level-triggered wake-up: notify() while nobody waits is remembered, so an IDLE event or a file
 * appearing during a catch-up is never lost; wait() also ends on a timeout (the poll) or an abort.
 */
export class Wake {
  private pending = false;
  private resolve: (() => void) | null = null;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.resolve = null;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.resolve = done;
    });
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Wake().wait(ms, signal);
}

/** Exponential backoff with jitter (50–100 % of the step), capped: reconnect storms spread out. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step * (0.5 + random() * 0.5));
}
