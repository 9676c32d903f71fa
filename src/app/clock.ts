/** The time as the use cases read it: a port, so that tests and replays can set it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
