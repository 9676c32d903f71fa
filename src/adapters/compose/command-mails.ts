/** The CommandMails port: decision mails, organizers' updates and transcripts, on the shared mail builder. */
import type { CommandMails } from '../../app/command-mails.ts';
import type { Config } from '../../config/schema.ts';
import { decisionData, transcriptData, updateData } from '../../core/render/command-data.ts';
import { cleanName } from '../../core/text/names.ts';
import { createMailBuilder, type ComposerOptions } from './composer.ts';

export function createCommandMails(config: Config, opts: ComposerOptions = {}): CommandMails {
  const build = createMailBuilder(config, opts);
  const group = { name: config.group.name, timezone: config.group.timezone };
  return {
    decision(kind, p, to, locale, { parent = null, ...extra }) {
      return build({
        purpose: 'speaker',
        template: 'decision',
        ref: p.ref,
        to,
        locale,
        data: (replyAddress) => decisionData(kind, p, { group, locale, replyAddress, greetingName: to.name, ...extra }),
        parent,
        // Written by a person's decision, not in answer to the speaker's mail: a new thread (a fellow speaker's news goes
        // in the proposal's), auto-generated.
        autoSubmitted: 'auto-generated',
      });
    },
    update(kind, p, organizer, extra, parent = null) {
      const locale = config.group.locale;
      return build({
        purpose: 'organizer',
        template: 'organizer-update',
        ref: p.ref,
        to: { name: null, email: organizer },
        locale,
        data: (replyAddress) => updateData(kind, p, { group, locale, replyAddress, ...extra }),
        parent,
        autoSubmitted: 'auto-generated',
      });
    },
    transcript(to, locale, token, body, parent) {
      return build({
        purpose: token.purpose,
        template: 'transcript',
        ref: token.ref,
        // The sender's display name as their From had it ("Raman, Priya"): addressed back as crieur names people.
        to: { name: cleanName(to.name), email: to.email },
        locale,
        data: (replyAddress) =>
          transcriptData({ group, locale, replyAddress, subjectRef: token.ref, results: body.results, showHelp: body.showHelp, isOrganizer: token.purpose === 'organizer', expiredMintedOn: body.expiredMintedOn ?? null }),
        parent,
        autoSubmitted: 'auto-replied',
      });
    },
  };
}
