/**
 * `crieur proposals decide REF VERB [REASON…]` (registered by proposals.ts) and `crieur release`: an organizer's
 * verb from the command line (src/app/decide-by-operator.ts), and the held speaker mails sent. Mails go through the outbox; the deliver jobs are
 * dispatched on Redis (the running workers send them; their recovery sweep would too).
 */
import { hostname, userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig, requireSecret } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import type { Store } from '../../app/store.ts';
import { mailparserReader } from '../../adapters/mailparser.ts';
import { withServices } from '../with-services.ts';
import { createComposer } from '../../adapters/compose/composer.ts';
import { createCommandMails } from '../../adapters/compose/command-mails.ts';
import { silentLogger } from '../../adapters/log/pino.ts';
import { parseContextFrom } from '../../app/parse-message.ts';
import { actAsOperator, operatorReadOptions, queuedText, readDecision, type OperatorDeps } from '../../app/decide-by-operator.ts';
import { releaseHeld } from '../../app/decide.ts';
import { readCommands } from '../../core/command/read.ts';
import { normalizeRef } from '../../core/ref.ts';
import { systemClock } from '../../app/clock.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { visibleLines } from '../format/visible.ts';

/** Who the history names for a decision taken here: the local account, on this host. */
export function operatorName(): string {
  let user = process.env.USER ?? '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'operator';
    }
  }
  return `${user || 'operator'}@${hostname()}`;
}

/**
 * The services an operator's decision needs (store, Redis, composers), opened for `fn` and closed after; the secret is
 * required first (a decision mails the speaker a reply token). For `proposals decide` and `events schedule`.
 */
export function withOperatorDeps<T>(
  configFile: string | undefined,
  fn: (deps: OperatorDeps, services: { config: Config; store: Store }) => Promise<T>,
): Promise<T> {
  return withServices(
    configFile,
    ({ config, store, dispatcher }) =>
      fn(
        {
          config,
          ctx: parseContextFrom(config),
          store,
          dispatcher,
          composer: createComposer(config),
          clock: systemClock,
          log: silentLogger,
          mails: createCommandMails(config),
          readCommands,
          reader: mailparserReader,
        },
        { config, store },
      ),
    (config) => void requireSecret(config),
  );
}

export function registerDecide(proposals: Command): void {
  proposals
    .command('decide')
    .description('an organizer\'s verb on a proposal, as by email: accept, decline [reason], waitlist, schedule DATE|EVENT, talk, lightning, note TEXT, ask TEXT, status, help (override VERB to overrule); audited as the local operator')
    .usage('[options] <ref> <verb> [words...]')
    // Optional for commander, required here: a missing one is reported as the others are, in the group's locale.
    .argument('[ref]', 'proposal ref, e.g. P-0007')
    .argument('[verb]', 'accept | decline | waitlist | schedule | talk | lightning | note | ask | status | help | release | confirm | withdraw | override')
    .argument('[words...]', 'a reason (decline), a date or event (schedule), the text (note, ask), the verb after override')
    .option('--config <file>', 'configuration file')
    .action(async (ref: string | undefined, verb: string | undefined, words: string[], opts: { config?: string }) => {
      // Read and checked before any service is opened: bad usage needs no Redis.
      const config = loadConfig({ file: opts.config });
      const locale = config.group.locale;
      const read = readDecision(readCommands, ref, [verb ?? '', ...words].join(' ').trim(), operatorReadOptions(config, systemClock.now()));
      if (!read.ok) throw new CliError(read.message, read.usage ? EXIT.usage : EXIT.dataErr);
      await withOperatorDeps(opts.config, async (deps) => {
        const r = await actAsOperator(deps, normalizeRef(ref!), read.cmd, operatorName());
        if (!r.ok) throw new CliError(r.message, r.usage ? EXIT.usage : EXIT.dataErr);
        // The message names the proposal by its title, from the speaker's mail: shown with its controls escaped.
        process.stdout.write(`${visibleLines(r.message).join('\n')}${queuedText(r.queued, locale)}\n`);
      });
    });
}

export function registerRelease(program: Command): void {
  program
    .command('release')
    .description('send the speaker mails held by decisions.hold')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { config?: string }) => {
      await withOperatorDeps(opts.config, async (deps) => {
        const n = await releaseHeld(deps);
        process.stdout.write(`${n} held mail${n === 1 ? '' : 's'} released\n`);
      });
    });
}
