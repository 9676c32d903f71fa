/**
 * CLI entry: builds the commander program, maps errors to SPEC exit codes. Each command lives in
 * src/cli/commands/<name>.ts and only wires options to an app use case. Commands are loaded on demand:
 * `crieur parse` should not pay for BullMQ, PGlite and MJML, nor `--help` for any of them.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.ts';
import { visibleLines } from './format/visible.ts';

type Register = (program: Command) => void;

/** The command table: name, one-line summary (for the top-level help), and how to load the real definition. */
const COMMANDS: { name: string; summary: string; load: () => Promise<Register> }[] = [
  { name: 'parse', summary: 'print what crieur understands of raw messages (files, or - for stdin)', load: async () => (await import('./commands/parse.ts')).registerParse },
  { name: 'start', summary: 'watch the inbox and run every worker (SIGTERM drains and exits 0)', load: async () => (await import('./commands/start.ts')).registerStart },
  { name: 'worker', summary: 'run only some workers, to scale out over processes and machines', load: async () => (await import('./commands/start.ts')).registerStart },
  { name: 'ingest', summary: 'store and queue raw messages (MTA pipe, or a backlog of files)', load: async () => (await import('./commands/ingest.ts')).registerIngest },
  { name: 'proposals', summary: 'list, show and decide talk proposals', load: async () => (await import('./commands/proposals.ts')).registerProposals },
  { name: 'failed', summary: 'messages and mails parked after an error; replay them', load: async () => (await import('./commands/failed.ts')).registerFailed },
  { name: 'doctor', summary: 'check every configured service, one line each', load: async () => (await import('./commands/doctor.ts')).registerDoctor },
  { name: 'digest', summary: 'build the list digests and the organizers\' one; send them, or write them with --out', load: async () => (await import('./commands/digest.ts')).registerDigest },
  { name: 'release', summary: 'send the speaker mails held by decisions.hold', load: async () => (await import('./commands/decide.ts')).registerRelease },
  { name: 'demo', summary: 'run the whole pipeline once on sample mail, embedded services', load: async () => (await import('./commands/demo.ts')).registerDemo },
  { name: 'events', summary: 'meetups and their programme: create, list, show, schedule, unschedule', load: async () => (await import('./commands/events.ts')).registerEvents },
  { name: 'subscribers', summary: "crieur's roster of members: list, add, remove, import a CSV", load: async () => (await import('./commands/subscribers.ts')).registerSubscribers },
  { name: 'announce', summary: "announce an event to the lists and the roster (once each); --out writes it for review", load: async () => (await import('./commands/announce.ts')).registerAnnounce },
  { name: 'call', summary: 'send the call for proposals (next meetups, free slots) to the lists and members, once a month', load: async () => (await import('./commands/call.ts')).registerCall },
  { name: 'campaigns', summary: 'announcements and digests being sent: list, show, pause, resume', load: async () => (await import('./commands/campaigns.ts')).registerCampaigns },
  { name: 'init', summary: 'write a commented config, a systemd unit and a compose.yaml (never overwrites)', load: async () => (await import('./commands/init.ts')).registerInit },
];

/** Commands that do not run on the configuration's services: no warning about running on defaults. */
const NO_SERVICE = new Set(['parse', 'demo', 'init']);

export async function main(given: string[]): Promise<number> {
  const program = new Command('crieur')
    .description('Runs the mail of a user group: talk proposals in, acknowledgements and announcements out.')
    .option('--verbose', 'print stack traces on errors')
    .version(packageVersion(), '--version', 'print the version')
    .exitOverride()
    // Commander's errors quote the words given (« unknown option '--…' », « unknown command '…' »): a control
    // character in them (a pasted ESC sequence, a bidi override) is shown escaped, as in every other error.
    .configureOutput({ writeErr: (s) => process.stderr.write(visibleLines(s).join('\n')) })
    // Before any command's action (not for --help or --version, which run none), once for every command.
    .hook('preAction', (_program, action) => warnOnDefaults(action));
  const asked = helpAsOption(configAfterCommand(given));
  if (asked.unknown !== undefined) {
    process.stderr.write(`error: unknown command '${visibleLines(asked.unknown).join(' ')}'\n(see crieur --help)\n`);
    return EXIT.usage;
  }
  const argv = asked.argv;
  const verbose = argv.includes('--verbose');
  const name = argv.find((a) => !a.startsWith('-'));
  const wanted = COMMANDS.find((c) => c.name === name);
  try {
    if (wanted) (await wanted.load())(program);
    else for (const c of COMMANDS) program.command(c.name).description(c.summary);
    const missing = missingSubcommand(program, argv);
    if (missing) {
      process.stderr.write(`${missing}\n`);
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    return report(err, verbose, wanted ? commandPath(program, argv) : null);
  }
}

/**
 * `crieur --config F proposals list`: SPEC's `--config FILE` names the one configuration whatever the command, and
 * scripts write it first as often as last — but commander knows it as each command's option only (it refused it, 64,
 * « unknown option '--config' »). Given before the command's name it is moved to the end, where every command reads it
 * (a `--` stays last: what follows it is no option).
 */
export function configAfterCommand(argv: string[]): string[] {
  const moved: string[] = [];
  const rest: string[] = [];
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--'; i++) {
    const a = argv[i]!;
    if (a === '--config' && i + 1 < argv.length) moved.push(a, argv[++i]!);
    else if (a.startsWith('--config=')) moved.push(a);
    else rest.push(a);
  }
  if (moved.length === 0) return argv;
  const after = argv.slice(i);
  const end = after.indexOf('--');
  return end < 0 ? [...rest, ...after, ...moved] : [...rest, ...after.slice(0, end), ...moved, ...after.slice(end)];
}

/**
 * `crieur help proposals list` is `crieur proposals list --help`: commander's own help command showed the group's help
 * (proposals, not list), and for a name that is no command (`crieur help nope`) the whole help, 37 lines on stderr, with
 * exit 64 (contract audit of the CLI) — that one is said as for `crieur nope`. `crieur help` alone is the help.
 */
function helpAsOption(argv: string[]): { argv: string[]; unknown?: string } {
  const i = argv.findIndex((a) => !a.startsWith('-'));
  if (i < 0 || argv[i] !== 'help') return { argv };
  const next = argv.slice(i + 1).find((a) => !a.startsWith('-'));
  if (next === undefined) return { argv };
  if (!COMMANDS.some((c) => c.name === next)) return { argv, unknown: next };
  return { argv: [...argv.slice(0, i), ...argv.slice(i + 1).filter((a) => a !== '--help' && a !== '-h'), '--help'] };
}

/**
 * `crieur` alone, `crieur proposals` alone: commander printed the whole help on stderr (11 to 37 lines) and exited 64,
 * where SPEC's errors are one or two lines. The cause — no command — with the commands there are, and where the help is;
 * `--help` still prints it on stdout.
 */
function missingSubcommand(program: Command, argv: string[]): string | null {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version')) return null;
  const words = argv.filter((a) => !a.startsWith('-'));
  let at = program;
  for (const w of words) {
    const sub = at.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) return null;
    at = sub;
  }
  if (at.commands.length === 0) return null;
  const path = ['crieur', ...words].join(' ');
  const names = at.commands.map((c) => c.name()).filter((n) => n !== 'help').join(', ');
  return `crieur: ${words.length ? `${words.join(' ')} needs a command: ${names}` : `no command given: ${names}`}\n(see ${path} --help)`;
}

/**
 * The command a usage error is about, as deep as argv names one: `crieur events create --bogus` pointed to
 * `crieur events --help`, whose text has none of create's options — the fix is in `crieur events create --help`.
 * Words past the last command (a ref, an option's value) end the walk.
 */
function commandPath(program: Command, argv: string[]): string | null {
  const path: string[] = [];
  let at = program;
  for (const w of argv.filter((a) => !a.startsWith('-'))) {
    const sub = at.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) break;
    path.push(sub.name());
    at = sub;
  }
  return path.length ? path.join(' ') : null;
}

/** One line on stderr when a command that uses services is about to run on built-in defaults (config/load.ts). */
async function warnOnDefaults(action: Command): Promise<void> {
  let top = action;
  while (top.parent?.parent) top = top.parent;
  if (NO_SERVICE.has(top.name())) return;
  // Loaded here, not at the top: --help and --version should not pay for the schema.
  const { defaultsWarning } = await import('../config/load.ts');
  const warning = defaultsWarning((action.optsWithGlobals() as { config?: string }).config);
  if (warning) process.stderr.write(`crieur: ${warning}\n`);
}

/** package.json's version, read when the program is built (no JSON import: not every loader takes one). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function report(err: unknown, verbose: boolean, command: string | null): number {
  if (err instanceof CommanderError) {
    // --help and --version surface as "errors" with exit code 0.
    if (err.exitCode === 0) return EXIT.ok;
    // Commander said what was wrong ("error: unknown option '--bogus'"); the fix is in the command's help — unless
    // that help was just printed, or commander's own second line already gave the fix (« (Did you mean --json?) »):
    // SPEC's errors are one or two lines.
    if (!['commander.help', 'commander.helpDisplayed'].includes(err.code) && !/\(Did you mean /.test(err.message)) {
      process.stderr.write(`(see crieur ${command ? `${command} ` : ''}--help)\n`);
    }
    return EXIT.usage;
  }
  const e = err as Error & { exitCode?: unknown };
  // ConfigError (78) and CliError carry their exit code; anything else is a runtime failure.
  if (typeof e?.exitCode === 'number') {
    process.stderr.write(`crieur: ${visibleLines(e.message).join('\n')}\n`);
    if (verbose) process.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  process.stderr.write(`crieur: ${visibleLines(e?.message ?? String(err)).join('\n')}\n`);
  if (verbose) process.stderr.write(`${e?.stack}\n`);
  else process.stderr.write('(run with --verbose for details)\n');
  return EXIT.failure;
}
