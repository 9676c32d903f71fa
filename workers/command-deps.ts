/**
 * Wiring for the command and remind runners: the reader (core), the mails they cause (compose adapter) and the
 * mail-authentication check (mailauth adapter), built once per configuration and added to the process's deps.
 */
import type { AppDeps } from '../src/app/deps.ts';
import type { CommandDeps } from '../src/app/apply-commands.ts';
import type { Config } from '../src/config/schema.ts';
import { readCommands } from '../src/core/command/read.ts';
import { createCommandMails } from '../src/adapters/compose/command-mails.ts';
import { createMailAuthCheck } from '../src/adapters/mail-auth.ts';

type Extra = Pick<CommandDeps, 'readCommands' | 'mails' | 'mailAuth'>;
const built = new WeakMap<Config, Extra>();

export function commandDeps(deps: AppDeps): CommandDeps {
  let extra = built.get(deps.config);
  if (!extra) {
    extra = {
      readCommands,
      mails: createCommandMails(deps.config, { clock: deps.clock }),
      mailAuth: createMailAuthCheck({ trustedAuthserv: deps.config.commands.trustedAuthserv }),
    };
    built.set(deps.config, extra);
  }
  return { ...deps, ...extra };
}
