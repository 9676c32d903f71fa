/**
 * How a function's cost grows with its input: the "not quadratic" and "bounded" checks on hostile input, without a
 * stopwatch bound. A bound in seconds (« within 3 s ») tests the machine as much as the code — one that takes 0.3 s idle
 * failed on a CI machine at load 16 — and the brief keeps timing to bench/. A ratio does not move with the machine's
 * speed or load: the same work on an input and on one `FACTOR` times longer, each timed in this process's CPU
 * (process.cpuUsage, so time spent waiting for a core is not counted), best of three. Work linear in the input grows
 * about 4×, n·log n about 4.5×, quadratic 16×, and work that reads a bounded slice stays near 1×.
 */

export const FACTOR = 4;
/** A ratio below this is linear (or n·log n) growth; quadratic work is twice as far. */
export const LINEAR = 8;
/** A ratio below this is work that does not grow with the input. */
export const BOUNDED = 2;

// The short input is run as many times as it takes to fill this much CPU, so a few-millisecond run is not read
// through the clock's tick and the scheduler's noise.
const MIN_CPU_US = 20_000;
const TRIES = 3;

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

async function costOf<T>(input: T, run: (input: T) => unknown | Promise<unknown>): Promise<number> {
  let rounds = 0;
  const start = cpuMicros();
  let spent = 0;
  do {
    await run(input);
    rounds++;
    spent = cpuMicros() - start;
  } while (spent < MIN_CPU_US);
  return spent / rounds;
}

/**
 * The CPU cost of `run` on `make(FACTOR)` over its cost on `make(1)`. `make(m)` builds the input at m times the base
 * size (outside the timing: building a 200 kB string is not the code under test). One untimed run first, for the JIT.
 */
export async function growth<T>(make: (m: number) => T | Promise<T>, run: (input: T) => unknown | Promise<unknown>): Promise<number> {
  const small = await make(1);
  const large = await make(FACTOR);
  await run(small);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < TRIES; i++) {
    bestSmall = Math.min(bestSmall, await costOf(small, run));
    bestLarge = Math.min(bestLarge, await costOf(large, run));
  }
  return bestLarge / bestSmall;
}
