/** sysexits(3) codes, as SPEC fixes them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 64,
  dataErr: 65,
  tempFail: 75,
  config: 78,
} as const;

/** An error that the CLI reports in one or two lines and turns into an exit code (no stack without --verbose). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
