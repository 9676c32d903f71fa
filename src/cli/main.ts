/**
 * CLI entry: builds the commander program, maps errors to SPEC exit codes. Each command lives in
 * src/cli/commands/<name>.ts and only wires options to an app use case.
 */
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './exit-codes.ts';
import { ConfigError } from '../config/load.ts';
import { registerParse } from './commands/parse.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerStart } from './commands/start.ts';
import { registerProposals } from './commands/proposals.ts';
import { registerFailed } from './commands/failed.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerDemo } from './commands/demo.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('crieur')
    .description('Runs the mail of a user group: talk proposals in, acknowledgements and announcements out.')
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerParse(program);
  registerStart(program);
  registerIngest(program);
  registerProposals(program);
  registerFailed(program);
  registerDoctor(program);
  registerDemo(program);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    return report(err, verbose);
  }
}

function report(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version surface as "errors" with exit code 0.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof ConfigError || err instanceof CliError) {
    process.stderr.write(`crieur: ${err.message}\n`);
    if (verbose) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`crieur: ${e?.message ?? String(err)}\n`);
  if (verbose) process.stderr.write(`${e?.stack}\n`);
  else process.stderr.write('(run with --verbose for details)\n');
  return EXIT.failure;
}
