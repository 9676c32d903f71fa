/** The doctor's lines for announcements: templates (an override folder's files, with file and line) and DKIM. */
import type { Config } from '../../config/schema.ts';
import { checkTemplates } from '../../adapters/render/check.ts';
import { checkDkim } from '../../adapters/smtp/dkim.ts';

export function announceChecks(config: Config) {
  return [
    {
      name: 'templates',
      target: config.templates.dir ?? 'built-in',
      run: async () => void (await checkTemplates(config)),
      // The folder itself missing or unreadable names no template file: its own fix, which the line already says.
      fix: (err: unknown) =>
        /the templates\.dir directory/.test((err as Error).message)
          ? 'create that directory (with the templates to override) or correct templates.dir; without templates.dir the built-in templates are used'
          : 'correct the template file named above (the syntax is in templates/README.md), or remove it to use the built-in one',
    },
    {
      name: 'dkim',
      target: config.dkim ? `${config.dkim.selector}._domainkey.${config.dkim.domain}` : 'not configured',
      run: () => checkDkim(config),
      fix: 'publish the key: TXT SELECTOR._domainkey.DOMAIN "v=DKIM1; k=rsa; p=<base64 of the public key>", or correct dkim.keyFile',
    },
  ];
}
