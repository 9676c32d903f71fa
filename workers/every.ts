/** A periodic task of a process (the recovery sweep, the undelivered-mail summary): never two rounds at once. */
export function every(intervalMs: number, task: () => Promise<unknown>, onError: (err: Error) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const round = () => {
    if (running) return;
    running = task()
      .then(() => undefined)
      .catch((err: unknown) => onError(err as Error))
      .finally(() => (running = null));
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  // One round at start: work waiting from before a restart does not wait a whole interval.
  round();
  return {
    // Settles once the round under way has: the process closes the store and Redis after this, and a round cut off
    // by that close failed (« recovery sweep failed: Cannot use a pool after calling end on the pool »). Bounded
    // by the phase's closeMs.
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
