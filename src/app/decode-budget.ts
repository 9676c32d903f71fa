/**
 * How many bytes of raw mail one process decodes at once. Decoding a message holds several copies of it (the raw
 * bytes, the decoded parts, text and HTML, the attachments hashed and kept: ≈ 15 × a 30 MB message at its peak), and a
 * backlog's classify jobs run side by side (the runner's concurrency × IDS_PER_JOB messages). Without a bound, a
 * backlog of proposals with their slides attached takes all the memory there is — and the restart meets the same
 * backlog. A message waits for room, in arrival order; one larger than the whole budget goes when nothing else is
 * being decoded. Ordinary mail never waits on ordinary mail: the budget holds thousands of them.
 */
export interface DecodeBudget {
  /** Resolves once `bytes` fit (or the budget is empty); the function gives them back (once, whatever the calls). */
  take(bytes: number): Promise<() => void>;
}

/** 64 MiB of raw mail in decoding at once: a few messages with large attachments, or thousands of plain ones. */
export const DECODE_BUDGET_BYTES = 64 * 1024 * 1024;

export function createDecodeBudget(limitBytes: number = DECODE_BUDGET_BYTES): DecodeBudget {
  let used = 0;
  let running = 0;
  const waiting: { bytes: number; go: () => void }[] = [];
  const fits = (bytes: number) => running === 0 || used + bytes <= limitBytes;
  const next = () => {
    // In order: a large message at the head is not overtaken for ever by small ones.
    while (waiting.length > 0 && fits(waiting[0]!.bytes)) waiting.shift()!.go();
  };
  const admit = (bytes: number): (() => void) => {
    used += bytes;
    running += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      used -= bytes;
      running -= 1;
      next();
    };
  };
  return {
    take(bytes) {
      if (waiting.length === 0 && fits(bytes)) return Promise.resolve(admit(bytes));
      return new Promise((resolve) => waiting.push({ bytes, go: () => resolve(admit(bytes)) }));
    },
  };
}
