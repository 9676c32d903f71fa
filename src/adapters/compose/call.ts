/**
 * The call for proposals as campaign parts: template data (pure, src/core/render/call-data.ts), rendering (MJML
 * compiled once per language, shared layout), and the MIME built once per variant with the per-recipient slots —
 * the same variants as an announcement (a list's address, the roster per language). No .ics: it is about no event.
 */
import type { Config } from '../../config/schema.ts';
import type { CallMailBuilder } from '../../app/call-for-proposals.ts';
import { addressOf } from '../../core/address.ts';
import { domainOf } from '../../core/compose/message.ts';
import { callMailData } from '../../core/render/call-data.ts';
import { wrapLongLines } from '../../core/render/wrap.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { templateDirs } from './announcement.ts';
import { buildMimeTemplate, campaignHeaders } from './campaign-mime.ts';

export function createCallMailBuilder(config: Config, opts: { renderer?: Renderer } = {}): CallMailBuilder {
  const renderer = opts.renderer ?? createRenderer({ dir: templateDirs(config) });
  const inbox = config.addresses.proposals;
  const domain = domainOf(inbox);
  const group = { name: config.group.name, timezone: config.group.timezone };
  return {
    build(input, specs) {
      return Promise.all(
        specs.map(async (spec) => {
          const personal = spec.to === null;
          const data = callMailData(input.meetups, { group, locale: spec.locale, proposalsAddress: addressOf(inbox), personal });
          const r = await renderer.render('call', spec.locale, data);
          const text = wrapLongLines(r.text, 72);
          const headers = campaignHeaders({ personal, domain, oneClick: Boolean(config.http.publicUrl) });
          // A reply to the call is a proposal: it goes to the proposals address, where crieur files it.
          headers['Reply-To'] = addressOf(inbox);
          const mime = buildMimeTemplate({ from: config.addresses.from, to: spec.to, subject: r.subject, headers, text, html: r.html, ics: null, seed: `${input.seed}|${spec.key}` });
          return { key: spec.key, locale: spec.locale, subject: r.subject, html: r.html, text, ics: null, mime };
        }),
      );
    },
  };
}
