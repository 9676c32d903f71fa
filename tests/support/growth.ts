/**
 * How a function's cost grows with its input: the "not quadratic" and "bounded" checks on hostile input, without a
 * stopwatch bound. A bound in seconds (« within 3 s ») tests the machine as much as the code — one that takes 0.3 s idle
 * failed on a CI machine at load 16 — and the brief keeps timing to bench/. A ratio does not move with the machine's
 * speed or load: the same work on an input and on one `FACTOR` times longer, each timed in this process's CPU
 * (process.cpuUsage, so time spent waiting for a core is not counted), best of five. Work linear in the input grows
 * about 4×, n·log n about 4.5×, quadratic 16×. Work that reads a bounded slice stays near 1×: it is checked on an
 * input sixteen times longer (BOUNDED_FACTOR), where linear work would be 16× — a CI machine running two test files
 * beside PostgreSQL once measured 2.1× for such work between an input and one four times longer (it is 0.9–1.2×
 * elsewhere): a tight bound there read the machine, not the code.
 */

export const FACTOR = 4;
/** A ratio below this is linear (or n·log n) growth; quadratic work is twice as far. */
export const LINEAR = 8;
/** The factor for a check that work does not grow with the input (`growth(make, run, BOUNDED_FACTOR)`). */
export const BOUNDED_FACTOR = 16;
/** At BOUNDED_FACTOR, a ratio below this is work that does not grow with the input; linear work is four times as far. */
export const BOUNDED = 4;

// Each input is run as many times as it takes to fill this much CPU, so a few-millisecond run is not read through the
// clock's tick and the scheduler's noise; the least of several tries, as noise only ever adds.
const MIN_CPU_US = 25_000;
const TRIES = 5;

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
 * The CPU cost of `run` on `make(factor)` over its cost on `make(1)`. `make(m)` builds the input at m times the base
 * size (outside the timing: building a 200 kB string is not the code under test). Each input run once untimed first:
 * the JIT's first compiles, a string's first flattening are not the work compared.
 */
export async function growth<T>(make: (m: number) => T | Promise<T>, run: (input: T) => unknown | Promise<unknown>, factor = FACTOR): Promise<number> {
  const small = await make(1);
  const large = await make(factor);
  await run(small);
  await run(large);
  await run(small);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < TRIES; i++) {
    bestSmall = Math.min(bestSmall, await costOf(small, run));
    bestLarge = Math.min(bestLarge, await costOf(large, run));
  }
  return bestLarge / bestSmall;
}
