/** A periodic task of a process (the recovery sweep, the undelivered-mail summary): never two rounds at once. */
export function every(intervalMs: number, task: () => Promise<unknown>, onError: (err: Error) => void): { stop(): void } {
  let running = false;
  const round = () => {
    if (running) return;
    running = true;
    task()
      .catch((err: unknown) => onError(err as Error))
      .finally(() => (running = false));
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  // One round at start: work waiting from before a restart does not wait a whole interval.
  round();
  return { stop: () => clearInterval(timer) };
}
