/**
 * The organizers' digest offers only what the decision table then does: every line it suggests, read back by the
 * command grammar, is a transition allowed in the proposal's state (an audit followed « refuser P-0008 » on an
 * accepted proposal and was refused). Its text and HTML parts say the same thing about examples.
 */
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../src/adapters/render/messages.ts';
import type { ProposalStatus } from '../../../src/app/proposal-store.ts';
import { parseCommands } from '../../../src/core/command/parse.ts';
import { transition, type Action } from '../../../src/core/decision/transitions.ts';
import { offeredVerbs, organizerDigestData, type OrganizerDigestInput, type OrganizerProposal } from '../../../src/core/digest/organizers.ts';

const STATUSES: ProposalStatus[] = ['received', 'accepted', 'waitlisted', 'declined', 'confirmed', 'scheduled', 'presented', 'withdrawn'];
const NOW = new Date('2026-12-01T07:00:00Z');
const ctx = (locale: 'fr' | 'en') => ({ locale, group: { name: 'PG Paris', timezone: 'Europe/Paris' }, replyAddress: 'talks+o-d20261201-x@pgug.example.org' });

let n = 0;
const proposal = (status: ProposalStatus, over: Partial<OrganizerProposal> = {}): OrganizerProposal => ({
  ref: `P-${String(++n).padStart(4, '0')}`,
  title: 'VACUUM sans peur',
  status,
  format: 'talk',
  durationMinutes: 45,
  speakers: [{ name: 'Martin, Claire', email: 'claire@example.fr' }],
  receivedAt: NOW,
  ...over,
});
const input = (over: Partial<OrganizerDigestInput>): OrganizerDigestInput => ({ now: NOW, pending: [], unconfirmed: [], next: null, slots: 3, ...over });

describe('what the digest offers', () => {
  it.each(STATUSES)('%s: every offered verb is allowed there for an organizer', (status) => {
    for (const v of offeredVerbs(status)) expect(transition(v, status, 'organizer').ok, `${v} from ${status}`).toBe(true);
  });

  it('received: accept, decline, waitlist; accepted: confirm or withdraw, never decline', () => {
    expect(offeredVerbs('received')).toEqual(['accept', 'decline', 'waitlist']);
    expect(offeredVerbs('waitlisted')).toEqual(['accept', 'decline']);
    expect(offeredVerbs('accepted')).toEqual(['confirm', 'withdraw']);
  });

  it.each(['fr', 'en'] as const)('%s: each line, read back by the grammar, names its proposal and a verb the table allows in its state', (locale) => {
    const accepted = proposal('accepted');
    const onProgramme = proposal('accepted');
    const d = organizerDigestData(
      input({ pending: [proposal('received')], unconfirmed: [accepted], next: { date: new Date('2026-12-10T18:00:00Z'), venue: 'Dalibo', title: null, programme: [onProgramme] } }),
      ctx(locale),
    )!;
    const items = [...d.pending, ...d.unconfirmed, ...d.event!.notConfirmed];
    expect(items).toHaveLength(3);
    const status = new Map([...[accepted, onProgramme].map((p) => [p.ref, p.status] as const), [d.pending[0]!.ref, 'received' as const]]);
    for (const item of items) {
      expect(item.replies.length).toBeGreaterThan(0);
      for (const line of item.replies) {
        const read = parseCommands(line, { locale, role: 'organizer' });
        expect(read.ref, line).toBe(item.ref);
        expect(read.verbs, line).toHaveLength(1);
        expect(transition(read.verbs[0] as Action, status.get(item.ref)!, 'organizer').ok, line).toBe(true);
      }
    }
    // The audit's case, in words: no « refuser » for an accepted proposal; its ways out are confirm and withdraw.
    expect(d.unconfirmed[0]!.replies).toEqual(locale === 'fr' ? [`confirmer ${accepted.ref}`, `retirer ${accepted.ref}`] : [`confirm ${accepted.ref}`, `withdraw ${accepted.ref}`]);
  });

  it('names speakers as crieur names them ("Martin, Claire" → "Claire Martin")', () => {
    const d = organizerDigestData(input({ pending: [proposal('received')] }), ctx('fr'))!;
    expect(d.pending[0]!.speakers).toBe('Claire Martin');
  });
});

describe('the example, the same in the text and HTML parts', () => {
  const renderer = createRenderer();
  const html = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');

  it.each(['fr', 'en'] as const)('%s: no pending proposal, an unconfirmed speaker: both parts show its first line', async (locale) => {
    const p = proposal('accepted');
    const d = organizerDigestData(input({ unconfirmed: [p] }), ctx(locale))!;
    const m = await renderer.render('digest-organizers', locale, d);
    const line = locale === 'fr' ? `confirmer ${p.ref}` : `confirm ${p.ref}`;
    const phrase = locale === 'fr' ? 'par exemple :' : 'for example:';
    expect(m.text).toContain(`${phrase}\n\n${line}\n`);
    expect(html(m.html)).toContain(`${phrase} ${line}`);
  });

  it.each(['fr', 'en'] as const)('%s: pending proposals: each one’s first line, in both parts', async (locale) => {
    const [a, b] = [proposal('received'), proposal('received')];
    const d = organizerDigestData(input({ pending: [a, b] }), ctx(locale))!;
    const m = await renderer.render('digest-organizers', locale, d);
    const word = locale === 'fr' ? 'accepter' : 'accept';
    expect(m.text).toContain(`\n\n${word} ${a.ref}\n${word} ${b.ref}\n`);
    expect(html(m.html)).toContain(`${word} ${a.ref} ${word} ${b.ref}`);
    // Only real refs: the HTML's example was a made-up « accepter P-0012 », perhaps another proposal's.
    expect(new Set(m.html.match(/P-\d{4}/g))).toEqual(new Set([a.ref, b.ref]));
  });

  it.each(['fr', 'en'] as const)('%s: nothing to offer (free slots only): neither part says « for example »', async (locale) => {
    const d = organizerDigestData(input({ next: { date: new Date('2026-12-10T18:00:00Z'), venue: 'Dalibo', title: null, programme: [] } }), ctx(locale))!;
    expect(d.examples).toEqual([]);
    const m = await renderer.render('digest-organizers', locale, d);
    for (const part of [m.text, m.html]) expect(part).not.toMatch(/par exemple|for example/);
    expect(m.text).toMatch(locale === 'fr' ? /une commande par ligne, au-dessus\nde la citation\.\n/ : /one command per line, above the\nquote\.\n/);
  });
});
