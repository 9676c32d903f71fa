/**
 * The store contract, run the same on both engines: what goes in comes back byte-exact, duplicates collapse,
 * filing is idempotent and refs are a sequence, and the outbox status lock has exactly one winner.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../../src/core/pipeline/normalize-title.ts';
import type { NewOutboxItem } from '../../src/app/outbox-store.ts';
import type { ParseResult, ProposalDraft } from '../../src/types.ts';
import { ENGINES, useStore } from './engines.ts';
import { claimOne } from '../support/outbox.ts';

const uniq = (): string => randomBytes(6).toString('hex');
const mail = (headers: string, body = 'Bonjour.\r\n'): Buffer => Buffer.from(`${headers}\r\n\r\n${body}`, 'latin1');

function draft(over: Partial<ProposalDraft> = {}): ProposalDraft {
  return {
    format: 'talk',
    title: 'Partitionnement déclaratif en production',
    abstract: "Retour d'expérience.",
    durationMinutes: 45,
    language: 'fr',
    speakers: [{ name: 'Jean Dupont', email: `jean.${uniq()}@example.fr` }],
    attachments: [],
    ...over,
  };
}

describe.each(ENGINES)('store on $name', (engine) => {
  const store = useStore(engine);

  const inbound = async (): Promise<number> => (await store.inbound.saveRaw(mail(`Message-ID: <${uniq()}@x>\r\nSubject: s`), { source: 'cli' })).id;

  describe('inbound', () => {
    const bytes: [string, Buffer][] = [
      ['CRLF text', mail(`Message-ID: <${uniq()}@a>\r\nSubject: hi`)],
      ['non-UTF-8 bytes', Buffer.concat([mail(`Message-ID: <${uniq()}@b>\r\nSubject: caf\xe9`), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3])])],
      ['CR-only line ends', Buffer.from(`Message-ID: <${uniq()}@c>\rSubject: mac\r\rbody\r`, 'latin1')],
      ['no Message-ID, bare LF', Buffer.from(`Subject: ${uniq()}\n\nbody\n`)],
      ['empty', Buffer.alloc(0)],
    ];
    it.each(bytes)('keeps %s byte-exact', async (_name, raw) => {
      const { id, inserted } = await store.inbound.saveRaw(raw, { source: 'imap', mailbox: 'imap://h/INBOX', uidValidity: 4294967295, uid: 7 });
      expect(inserted).toBe(true);
      const back = await store.inbound.getRaw(id);
      expect(back?.equals(raw)).toBe(true);
      const got = await store.inbound.get(id);
      expect(got).toMatchObject({ id, source: 'imap', state: 'received', kind: null, parsed: null, error: null });
      expect(got?.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
      expect(got?.receivedAt).toBeInstanceOf(Date);
    });

    it('rawToClassify, many at once (the batched read): each caller its own message, the bytes only while not done', async () => {
      const raws = [0, 1, 2, 3].map((i) => mail(`Message-ID: <${uniq()}@batch>\r\nSubject: m${i}`, `corps ${i} \xe9t\xe9\r\n`));
      const ids = await Promise.all(raws.map(async (raw) => (await store.inbound.saveRaw(raw, { source: 'cli' })).id));
      await store.inbound.setClassified(ids[2]!, 'bounce', { kind: 'bounce' } as ParseResult, { done: true });
      const missing = Math.max(...ids) + 1_000_000;
      // Every id asked for, one twice, and one no message has: all in flight together.
      const asked = [ids[3]!, ids[0]!, missing, ids[2]!, ids[1]!, ids[0]!];
      const got = await Promise.all(asked.map((id) => store.inbound.rawToClassify(id)));
      const expected = (id: number) => (id === missing ? null : id === ids[2] ? { done: 'bounce' } : { raw: raws[ids.indexOf(id)] });
      got.forEach((g, i) => {
        const want = expected(asked[i]!);
        if (want && 'raw' in want) expect(g && 'raw' in g && g.raw.equals(want.raw!), `message ${asked[i]}`).toBe(true);
        else expect(g).toEqual(want);
      });
    });

    it('dedupes by (Message-ID, sha256), and on bytes alone without Message-ID', async () => {
      const mid = `<${uniq()}@dup>`;
      const a = mail(`Message-ID: ${mid}\r\nSubject: a`);
      const first = await store.inbound.saveRaw(a, { source: 'imap' });
      const again = await store.inbound.saveRaw(Buffer.from(a), { source: 'maildir' });
      expect(again).toEqual({ id: first.id, inserted: false });
      expect((await store.inbound.get(first.id))?.messageId).toBe(mid);
      // Same Message-ID, other bytes (a resend that changed): kept as its own message.
      const b = await store.inbound.saveRaw(mail(`Message-ID: ${mid}\r\nSubject: b`), { source: 'imap' });
      expect(b.inserted).toBe(true);
      const noId = Buffer.from(`Subject: ${uniq()}\r\n\r\nx`);
      const n1 = await store.inbound.saveRaw(noId, { source: 'pipe' });
      expect(await store.inbound.saveRaw(noId, { source: 'pipe' })).toEqual({ id: n1.id, inserted: false });
      expect((await store.inbound.get(n1.id))?.messageId).toBeNull();
    });

    it('dedupes concurrent saves of the same message to one row', async () => {
      const raw = mail(`Message-ID: <${uniq()}@race>`);
      const results = await Promise.all([1, 2, 3, 4].map(() => store.inbound.saveRaw(raw, { source: 'imap' })));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
    });

    it('stores a batch byte-exact, in order, each once: duplicates within the batch and of earlier messages collapse', async () => {
      const earlier = mail(`Message-ID: <${uniq()}@batch>\r\nSubject: earlier`);
      const stored = await store.inbound.saveRaw(earlier, { source: 'imap' });
      const batch = [...bytes.map(([, raw]) => Buffer.concat([raw, Buffer.from(uniq())])), earlier];
      batch.splice(2, 0, batch[0]!); // the same message twice in one batch
      const out = await store.inbound.saveRawMany(batch.map((raw) => ({ raw, loc: { source: 'cli' as const } })));
      expect(out).toHaveLength(batch.length);
      expect(out[2]).toEqual({ id: out[0]!.id, inserted: false });
      expect(out[out.length - 1]).toEqual({ id: stored.id, inserted: false });
      expect(out.filter((r) => r.inserted)).toHaveLength(bytes.length);
      for (const [i, r] of out.entries()) expect((await store.inbound.getRaw(r.id))?.equals(batch[i]!)).toBe(true);
      expect(await store.inbound.saveRawMany([])).toEqual([]);
    });

    it('never winds a message that is done back to classified; tells of an earlier copy in the same step', async () => {
      const parsed: ParseResult = { messageId: null, kind: 'reply', from: null, subject: 's', language: null, warnings: [] };
      const mid = `<${uniq()}@copy>`;
      const first = (await store.inbound.saveRaw(mail(`Message-ID: ${mid}\r\nSubject: a`), { source: 'imap' })).id;
      const second = (await store.inbound.saveRaw(mail(`Message-ID: ${mid}\r\nReceived: by relay\r\nSubject: a`), { source: 'imap' })).id;
      expect(await store.inbound.setClassified(first, 'reply', parsed, { findCopy: true })).toEqual({ updated: true, copyOf: null });
      expect(await store.inbound.setClassified(second, 'reply', parsed, { findCopy: true })).toEqual({ updated: true, copyOf: { id: first, state: 'classified' } });
      expect(await store.inbound.setClassified(second, 'reply', parsed)).toEqual({ updated: true, copyOf: null });
      await store.inbound.setState(first, 'done');
      // A second job for the same message (a replay racing the recovery sweep) must not undo its end.
      expect(await store.inbound.setClassified(first, 'reply', parsed, { findCopy: true })).toEqual({ updated: false, copyOf: null });
      expect(await store.inbound.get(first)).toMatchObject({ state: 'done' });
      const bounce = await inbound();
      await store.inbound.setClassified(bounce, 'bounce', { ...parsed, kind: 'bounce' }, { done: true });
      expect(await store.inbound.get(bounce)).toMatchObject({ state: 'done', kind: 'bounce' });
    });

    it('classifications made side by side: each its own answer; one message twice in a statement is classified once', async () => {
      const parsed: ParseResult = { messageId: null, kind: 'auto-reply', from: null, subject: 'Absent', language: 'fr', warnings: [] };
      const [a, b] = [await inbound(), await inbound()];
      // One turn of the event loop: the three calls share a statement (coalesce.ts).
      const answers = await Promise.all([
        store.inbound.setClassified(a, 'auto-reply', parsed, { done: true }),
        store.inbound.setClassified(b, 'reply', { ...parsed, kind: 'reply' }, { findCopy: true }),
        // The same message again (a replay racing the sweep's job): the first call classified it.
        store.inbound.setClassified(b, 'reply', { ...parsed, kind: 'reply' }, { findCopy: true }),
      ]);
      expect(answers).toEqual([
        { updated: true, copyOf: null },
        { updated: true, copyOf: null },
        { updated: false, copyOf: null },
      ]);
      expect(await store.inbound.get(a)).toMatchObject({ kind: 'auto-reply', state: 'done' });
      expect(await store.inbound.get(b)).toMatchObject({ kind: 'reply', state: 'classified' });
    });

    it('a classification the database refuses fails only its own call, not those sharing its statement', async () => {
      const parsed: ParseResult = { messageId: null, kind: 'other', from: null, subject: 'Merci', language: 'fr', warnings: [] };
      const [a, c] = [await inbound(), await inbound()];
      const answers = await Promise.allSettled([
        store.inbound.setClassified(a, 'other', parsed, { done: true }),
        // A NUL the JSON column cannot store: the batch is refused, and run again call by call.
        store.inbound.setClassified(c, 'other', { ...parsed, subject: 'nul \u0000 here' }, { done: true }),
      ]);
      expect(answers[0]).toEqual({ status: 'fulfilled', value: { updated: true, copyOf: null } });
      expect(answers[1]).toMatchObject({ status: 'rejected' });
      expect(await store.inbound.get(a)).toMatchObject({ kind: 'other', state: 'done' });
      expect(await store.inbound.get(c)).toMatchObject({ kind: null, state: 'received' });
    });

    it('records classification, state and errors; lists failed and stale messages', async () => {
      const id = await inbound();
      const parsed: ParseResult = { messageId: '<x@y>', kind: 'proposal', from: { name: 'É', email: 'e@x' }, subject: 'Sujet : é', language: 'fr', proposal: draft(), warnings: ['w'] };
      await store.inbound.setClassified(id, 'proposal', parsed);
      expect(await store.inbound.get(id)).toMatchObject({ kind: 'proposal', state: 'classified', parsed });
      expect((await store.inbound.stale(new Date(Date.now() + 60_000), 1000)).map((m) => m.id)).toContain(id);
      expect((await store.inbound.stale(new Date(Date.now() - 60_000), 1000)).map((m) => m.id)).not.toContain(id);

      await store.inbound.setState(id, 'failed', 'boom: cannot parse');
      const failed = await store.inbound.listFailed();
      expect(failed.find((m) => m.id === id)).toMatchObject({ state: 'failed', error: 'boom: cannot parse' });
      await store.inbound.setState(id, 'done');
      expect(await store.inbound.get(id)).toMatchObject({ state: 'done', error: null });
      expect((await store.inbound.listFailed()).map((m) => m.id)).not.toContain(id);
      expect((await store.inbound.stale(new Date(Date.now() + 60_000), 1000)).map((m) => m.id)).not.toContain(id);
    });

    it('counts messages per kind and state', async () => {
      const before = await store.inbound.summary();
      const n = (rows: typeof before): number => rows.find((r) => r.kind === 'bounce' && r.state === 'done')?.count ?? 0;
      const id = await inbound();
      await store.inbound.setClassified(id, 'bounce', { messageId: null, kind: 'bounce', from: null, subject: '', language: null, warnings: [] });
      await store.inbound.setState(id, 'done');
      expect(n(await store.inbound.summary())).toBe(n(before) + 1);
    });

    it('answers null for an unknown id', async () => {
      expect(await store.inbound.get(999_999)).toBeNull();
      expect(await store.inbound.getRaw(999_999)).toBeNull();
    });
  });

  describe('proposals', () => {
    it('files with the next ref, speakers in order and attachments; idempotent per message', async () => {
      const m1 = await inbound();
      const d = draft({
        speakers: [{ name: 'Priya Raman', email: `Priya.${uniq()}@Example.org` }, { name: 'Sans Adresse', email: null }, { name: 'Jean', email: `j.${uniq()}@x.fr` }],
        attachments: [{ filename: 'slides.pdf', contentType: 'application/pdf', size: 3, sha256: 'ab'.repeat(32) }],
      });
      const first = await store.proposals.fileFromMessage(m1, d, 'priya@example.org');
      expect(first.created).toBe(true);
      expect(first.proposal).toMatchObject({ status: 'received', messageId: m1, event: null, title: d.title, speakers: d.speakers, attachments: d.attachments, durationMinutes: 45 });
      expect(first.proposal.ref).toMatch(/^P-\d{4,}$/);

      const again = await store.proposals.fileFromMessage(m1, draft({ title: 'other' }), 'x');
      expect(again).toEqual({ proposal: first.proposal, created: false });

      const second = await store.proposals.fileFromMessage(await inbound(), draft(), 'a@b');
      expect(Number(second.proposal.ref.slice(2))).toBe(Number(first.proposal.ref.slice(2)) + 1);
      expect(await store.proposals.findByMessage(m1)).toEqual(first.proposal);
      expect(await store.proposals.get(first.proposal.ref)).toEqual(first.proposal);
    });

    it('classifies and files a proposal in one step: filed with its record, then handled, copies not filed twice, duplicates told', async () => {
      const email = `Priya.${uniq()}@Example.org`;
      const d = draft({ title: `Index BRIN ${uniq()}`, speakers: [{ name: 'Priya', email }, { name: 'Sans adresse', email: null }] });
      const parsed: ParseResult = { messageId: null, kind: 'proposal', from: null, subject: 's', language: 'fr', warnings: [], proposal: d };
      const dedupe = { speakerEmail: email.toLowerCase(), titleKey: normalizeTitle(d.title), since: new Date(Date.now() - 86_400_000) };
      const mid = `<${uniq()}@proposal>`;
      const first = (await store.inbound.saveRaw(mail(`Message-ID: ${mid}\r\nSubject: a`), { source: 'imap' })).id;
      const copy = (await store.inbound.saveRaw(mail(`Message-ID: ${mid}\r\nReceived: by relay\r\nSubject: a`), { source: 'imap' })).id;

      const filed = await store.proposals.classifyAndFile(first, parsed, email.toLowerCase(), dedupe);
      expect(filed.outcome).toBe('filed');
      const record = (filed as { proposal: unknown }).proposal;
      // The record answered from what was written is the record read back.
      expect(record).toEqual(await store.proposals.findByMessage(first));
      expect(await store.inbound.get(first)).toMatchObject({ kind: 'proposal', state: 'classified', parsed });
      // Again before its mails are queued (a retry): the same proposal, not a second one.
      expect(await store.proposals.classifyAndFile(first, parsed, 'x', dedupe)).toEqual({ outcome: 'already-filed', proposal: record });
      // A re-delivery of the same message through another route is kept, marked done, not filed.
      expect(await store.proposals.classifyAndFile(copy, parsed, 'x', dedupe)).toEqual({ outcome: 'copy', copyOf: first });
      expect(await store.inbound.get(copy)).toMatchObject({ kind: 'proposal', state: 'done' });
      await store.inbound.setState(first, 'done');
      expect(await store.proposals.classifyAndFile(first, parsed, 'x', dedupe)).toEqual({ outcome: 'handled' });
      expect(await store.inbound.get(first)).toMatchObject({ state: 'done' });
      // The same speaker's same title from another message: the proposal to update.
      const again = await inbound();
      const dup = await store.proposals.classifyAndFile(again, { ...parsed, proposal: { ...d, speakers: [{ name: 'Priya', email: email.toUpperCase() }] } }, 'x', dedupe);
      expect(dup).toMatchObject({ outcome: 'duplicate', proposal: { ref: (record as { ref: string }).ref } });
    });

    it('classifies and files many at once (one statement): each its own outcome, refs in arrival order, a refused one alone', async () => {
      const parsedFor = (title: string): ParseResult => ({
        messageId: null, kind: 'proposal', from: null, subject: title, language: 'fr', warnings: [],
        proposal: draft({ title, speakers: [{ name: 'Zoé "Zozo" \\ O\'Brien', email: `batch.${uniq()}@example.org` }] }),
      });
      const dedupeOf = (p: ParseResult) => ({ speakerEmail: p.proposal!.speakers[0]!.email!, titleKey: normalizeTitle(p.proposal!.title), since: new Date(Date.now() - 86_400_000) });
      const file = (id: number, p: ParseResult) => store.proposals.classifyAndFile(id, p, 'x', dedupeOf(p));
      const saved = async (headers: string) => (await store.inbound.saveRaw(mail(`${headers}\r\nSubject: s`), { source: 'imap' })).id;
      const mid = `<${uniq()}@batch>`;
      const ids = [await saved(`Message-ID: <${uniq()}@b1>`), await saved(`Message-ID: ${mid}`), await saved(`Message-ID: <${uniq()}@b3>`), await saved(`Message-ID: ${mid}\r\nReceived: by relay`)];
      const parsed = ids.map((_, n) => parsedFor(`« Titre ${n} » avec "guillemets" et \\ ${uniq()}`));
      // A filing in flight: the calls made meanwhile share the next statement. Made in an order other than their messages'.
      const inFlight = file(await saved(`Message-ID: <${uniq()}@first>`), parsedFor(`Premier ${uniq()}`));
      const order = [3, 2, 0, 1];
      const out = await Promise.all(order.map((n) => file(ids[n]!, parsed[n]!)));
      await inFlight;
      const at = (n: number) => out[order.indexOf(n)]!;
      for (const n of [0, 1, 2]) expect(at(n)).toMatchObject({ outcome: 'filed', proposal: { title: parsed[n]!.proposal!.title, speakers: parsed[n]!.proposal!.speakers } });
      // The second copy of message 1 (same Message-ID) is a copy, though it came first in the calls.
      expect(at(3)).toEqual({ outcome: 'copy', copyOf: ids[1] });
      const ref = (n: number) => Number((at(n) as { proposal: { ref: string } }).proposal.ref.slice(2));
      expect([ref(0), ref(1), ref(2)]).toEqual([ref(0), ref(0) + 1, ref(0) + 2]);
      for (const n of [0, 1, 2]) expect(await store.inbound.get(ids[n]!)).toMatchObject({ kind: 'proposal', state: 'classified', parsed: parsed[n] });

      // A NUL in JSON text is refused by jsonb: a stand-in for any filing the database will not store. Alone it fails.
      const more = [await saved(`Message-ID: <${uniq()}@c1>`), await saved(`Message-ID: <${uniq()}@c2>`), await saved(`Message-ID: <${uniq()}@c3>`)];
      const mp = more.map((_, n) => parsedFor(`Encore ${n} ${uniq()}`));
      mp[1] = { ...mp[1]!, proposal: { ...mp[1]!.proposal!, abstract: 'refusé \u0000 ici' } };
      const blocker = file(await saved(`Message-ID: <${uniq()}@second>`), parsedFor(`Second ${uniq()}`));
      const settledOut = await Promise.allSettled(more.map((id, n) => file(id, mp[n]!)));
      await blocker;
      expect(settledOut.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.inbound.get(more[1]!))?.state).toBe('received');
      expect((await store.inbound.get(more[2]!))?.state).toBe('classified');
    });

    it('files one proposal when the same message is filed concurrently', async () => {
      const m = await inbound();
      const results = await Promise.all([1, 2, 3].map(() => store.proposals.fileFromMessage(m, draft(), 'a@b')));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.proposal.ref)).size).toBe(1);
    });

    it('allocates distinct refs under concurrency', async () => {
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => inbound()));
      const filed = await Promise.all(ids.map((id) => store.proposals.fileFromMessage(id, draft(), 'a@b')));
      expect(new Set(filed.map((f) => f.proposal.ref)).size).toBe(6);
    });

    it('files a message once when several jobs file it at once, and never takes its own proposal for a duplicate', async () => {
      const id = await inbound();
      const d = draft();
      const dedupe = { speakerEmail: d.speakers[0]!.email!, titleKey: normalizeTitle(d.title), since: new Date(Date.now() - 86_400_000) };
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.proposals.fileFromMessage(id, d, 'a@x', dedupe)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.filter((r) => r.duplicate)).toEqual([]);
      expect(new Set(results.map((r) => r.proposal.ref)).size).toBe(1);
      expect((await store.proposals.history(results[0]!.proposal.ref)).map((h) => h.action)).toEqual(['filed']);
    });

    it('files a second message of the same speaker with the same title, recently, as a duplicate of the first', async () => {
      const email = `dup.${uniq()}@example.fr`;
      const title = `Réplication logique ${uniq()}`;
      const { proposal } = await store.proposals.fileFromMessage(await inbound(), draft({ title, speakers: [{ name: 'A', email }] }), email);
      const past = new Date(Date.now() - 86_400_000);
      const cases: [string, string, string, Date, boolean][] = [
        ['same address, other case', email.toUpperCase(), normalizeTitle(`  réplication LOGIQUE ${title.split(' ')[2]} !`), past, true],
        ['other speaker', `other.${uniq()}@x`, normalizeTitle(title), past, false],
        ['other title', email, 'autre sujet', past, false],
        ['older than the window', email, normalizeTitle(title), new Date(Date.now() + 60_000), false],
      ];
      for (const [name, who, key, since, found] of cases) {
        const again = await store.proposals.fileFromMessage(await inbound(), draft({ title: `autre ${uniq()}`, speakers: [{ name: 'A', email: who }] }), who, {
          speakerEmail: who,
          titleKey: key,
          since,
        });
        expect(again.duplicate ? again.proposal.ref : null, name).toBe(found ? proposal.ref : null);
        expect(again.created, name).toBe(!found);
      }
    });

    it('an update names exactly the fields that changed, rewrites the lists, keeps a later content, refuses an unknown ref', async () => {
      const email = `ana.${uniq()}@exemple.fr`;
      const m1 = await inbound();
      const { proposal } = await store.proposals.fileFromMessage(m1, draft({ speakers: [{ name: 'Ana', email }] }), email);
      // The title and the first speaker as they were; the length changed, a co-speaker and a slide deck added.
      const co = { name: 'Bruno', email: `bruno.${uniq()}@exemple.fr` };
      const deck = { filename: 'slides.pdf', contentType: 'application/pdf', size: 1234, sha256: 'ab'.repeat(32) };
      const m2 = await inbound();
      const m3 = await inbound();
      const next = draft({ title: proposal.title!, durationMinutes: 30, speakers: [{ name: 'Ana', email }, co], attachments: [deck] });
      const updated = await store.proposals.update(proposal.ref, next, email, m3, { unlessSuperseded: true });
      expect(updated).toMatchObject({ durationMinutes: 30, speakers: [{ name: 'Ana', email }, co], attachments: [deck], messageId: m1 });
      const h = await store.proposals.history(proposal.ref);
      expect(h[1]).toMatchObject({ action: 'updated', messageId: m3 });
      expect(Object.keys(h[1]!.detail!).sort()).toEqual(['attachments', 'durationMinutes', 'speakers']);
      expect(h[1]!.detail).toMatchObject({ durationMinutes: { from: 45, to: 30 }, attachments: { from: [], to: [deck] } });
      // A re-send that arrived before m3, filed after it (its job late): m3's content stays, a line says why.
      const late = await store.proposals.update(proposal.ref, draft({ title: 'Ancien titre' }), email, m2, { unlessSuperseded: true });
      expect(late).toMatchObject({ title: proposal.title, durationMinutes: 30 });
      expect((await store.proposals.history(proposal.ref))[2]).toMatchObject({ action: 'updated', messageId: m2, detail: { supersededBy: m3 } });
      await expect(store.proposals.update('P-99999', next, email, null)).rejects.toMatchObject({ code: 'EDB_NOT_FOUND' });
    });

    it('updates, changes status, notes, and keeps the whole history', async () => {
      const m1 = await inbound();
      const { proposal } = await store.proposals.fileFromMessage(m1, draft(), 'jean@x');
      const m2 = await inbound();
      const updated = await store.proposals.update(proposal.ref, draft({ title: 'Nouveau titre', durationMinutes: 20, speakers: proposal.speakers }), 'jean@x', m2);
      expect(updated).toMatchObject({ ref: proposal.ref, title: 'Nouveau titre', durationMinutes: 20, messageId: m1 });
      expect((await store.proposals.findByMessage(m2))?.ref).toBe(proposal.ref);

      const accepted = await store.proposals.setStatus(proposal.ref, 'accepted', 'dim@example.org', null);
      expect(accepted.status).toBe('accepted');
      await store.proposals.note(proposal.ref, 'crieur', 'reply-received', { verbs: [] }, m2);

      const h = await store.proposals.history(proposal.ref);
      expect(h.map((e) => [e.action, e.actor, e.messageId])).toEqual([
        ['filed', 'jean@x', m1],
        ['updated', 'jean@x', m2],
        ['status:accepted', 'dim@example.org', null],
        ['reply-received', 'crieur', m2],
      ]);
      expect(h[1]?.detail).toMatchObject({ title: { from: proposal.title, to: 'Nouveau titre' }, durationMinutes: { from: 45, to: 20 } });
      expect(h[2]?.detail).toEqual({ from: 'received', to: 'accepted' });
      expect(h.every((e) => e.at instanceof Date)).toBe(true);

      const acceptedRefs = (await store.proposals.list({ status: 'accepted' })).map((p) => p.ref);
      expect(acceptedRefs).toContain(proposal.ref);
      expect((await store.proposals.list({ status: 'withdrawn' })).map((p) => p.ref)).not.toContain(proposal.ref);
      expect((await store.proposals.list()).length).toBeGreaterThanOrEqual(acceptedRefs.length);
    });

    it('refuses to change a proposal that does not exist', async () => {
      await expect(store.proposals.setStatus('P-999999', 'accepted', 'x', null)).rejects.toMatchObject({ code: 'EDB_NOT_FOUND' });
      await expect(store.proposals.note('P-999999', 'x', 'y', null, null)).rejects.toMatchObject({ code: 'EDB_NOT_FOUND' });
      expect(await store.proposals.get('P-999999')).toBeNull();
    });
  });

  it('stores attachments once per content, byte-exact', async () => {
    const bytes = Buffer.concat([randomBytes(2048), Buffer.from([0, 255, 13, 10])]);
    const sha = await store.attachments.put(bytes, 'application/pdf');
    expect(sha).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await store.attachments.put(Buffer.from(bytes), 'application/octet-stream')).toBe(sha);
    expect((await store.attachments.get(sha))?.equals(bytes)).toBe(true);
    expect(await store.attachments.get('00'.repeat(32))).toBeNull();
  });

  describe('outbox', () => {
    const item = (over: Partial<NewOutboxItem> = {}): NewOutboxItem => ({
      purpose: 'ack',
      subjectRef: `P-0001/m${uniq()}`,
      recipient: 'jean@example.fr',
      raw: Buffer.from('From: a\r\n\r\n\xe9\r\n', 'latin1'),
      envelopeFrom: 'bounces@example.org',
      ...over,
    });

    it('enqueues once per (purpose, subject, recipient)', async () => {
      const it1 = item();
      const a = await store.outbox.enqueue(it1);
      expect(a.inserted).toBe(true);
      expect(await store.outbox.enqueue({ ...it1, raw: Buffer.from('other') })).toEqual({ id: a.id, inserted: false });
      expect((await store.outbox.enqueue({ ...it1, purpose: 'notify-organizer' })).inserted).toBe(true);
      const got = await store.outbox.get(a.id);
      expect(got).toMatchObject({ status: 'queued', attempts: 0, recipient: 'jean@example.fr', lastError: null, sentAt: null });
      expect(got?.raw.equals(it1.raw)).toBe(true);
    });

    it('lists for the recovery sweep only rows untouched since the given time', async () => {
      const { id } = await store.outbox.enqueue(item());
      expect(await store.outbox.pending(10_000, new Date(Date.now() - 60_000))).not.toContain(id);
      expect(await store.outbox.pending(10_000, new Date(Date.now() + 60_000))).toContain(id);
    });

    it('lets exactly one of several concurrent claims win', async () => {
      const { id } = await store.outbox.enqueue(item());
      const claims = await Promise.all([1, 2, 3, 4, 5].map(() => claimOne(store.outbox, id, 60_000)));
      const winners = claims.filter((c) => c !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ id, status: 'sending', attempts: 1 });
      expect(await claimOne(store.outbox, id, 60_000)).toBeNull();
      expect(await store.outbox.pending(10_000)).not.toContain(id);
    });

    it('claims and marks sent many rows at once, each to its own caller, once (batched statements)', async () => {
      const items = Array.from({ length: 12 }, (_, i) => item({ raw: Buffer.from(`From: a\r\n\r\nmail ${i}\r\n`) }));
      const ids = (await store.outbox.enqueueAll(items)).map((r) => r!.id);
      const sent = ids[3]!;
      await claimOne(store.outbox, sent, 60_000);
      await store.outbox.markSent(sent, '250 earlier');
      // Every row asked for twice, all at once: the calls waiting behind the first statement share one.
      const claims = await Promise.all([...ids, ...ids].map((id) => claimOne(store.outbox, id, 60_000, { transmitting: true })));
      ids.forEach((id, i) => {
        const mine = [claims[i], claims[i + ids.length]].filter((c) => c !== null);
        expect(mine).toHaveLength(id === sent ? 0 : 1);
        if (id !== sent) expect(mine[0]).toMatchObject({ id, status: 'sending', attempts: 1 });
        if (id !== sent) expect(mine[0]!.raw.equals(items[i]!.raw)).toBe(true);
      });
      const live = ids.filter((id) => id !== sent);
      await Promise.all(live.map((id) => store.outbox.markSent(id, `250 ok ${id}`)));
      for (const id of live) expect(await store.outbox.get(id)).toMatchObject({ status: 'sent', smtpResponse: `250 ok ${id}`, lastError: null });
      expect(await store.outbox.get(sent)).toMatchObject({ status: 'sent', smtpResponse: '250 earlier' });
    });

    it("claims a job's rows in one call, in its order, sharing rows with concurrent claims once; marks them sent together", async () => {
      const items = Array.from({ length: 5 }, (_, i) => item({ raw: Buffer.from(`From: a\r\n\r\njob mail ${i}\r\n`) }));
      const ids = (await store.outbox.enqueueAll(items)).map((r) => r!.id);
      const done = ids[1]!;
      await claimOne(store.outbox, done, 60_000);
      await store.outbox.markSent(done, '250 earlier');
      // Two jobs racing for overlapping rows (a filing's job and the sweep's single ones): each row won once.
      const [job, a, b] = await Promise.all([
        store.outbox.claimAll([ids[4]!, ids[0]!, done, ids[2]!], 60_000, { transmitting: true }),
        claimOne(store.outbox, ids[2]!, 60_000),
        store.outbox.claimAll([ids[3]!, ids[0]!], 60_000),
      ]);
      expect(job).toHaveLength(4);
      expect(job[2]).toBeNull(); // sent already: never claimed again
      for (const [pos, id] of [[0, ids[4]], [1, ids[0]], [3, ids[2]]] as const) if (job[pos]) expect(job[pos]).toMatchObject({ id, status: 'sending', attempts: 1 });
      const winners = (id: number) => [...job, a, ...b].filter((c) => c?.id === id).length;
      for (const id of ids) expect(winners(id)).toBe(id === done ? 0 : 1);
      expect(b[0]).toMatchObject({ id: ids[3], status: 'sending' });
      expect(await store.outbox.claimAll([], 60_000)).toEqual([]);

      const live = ids.filter((id) => id !== done);
      await Promise.all(live.map((id) => store.outbox.markSent(id, `250 job ${id}`)));
      for (const id of live) expect(await store.outbox.get(id)).toMatchObject({ status: 'sent', smtpResponse: `250 job ${id}`, lastError: null });
      expect(await store.outbox.get(done)).toMatchObject({ status: 'sent', smtpResponse: '250 earlier' });
    });

    it('hands a row over once its lease has expired', async () => {
      const { id } = await store.outbox.enqueue(item());
      expect(await claimOne(store.outbox, id, 1)).not.toBeNull();
      await new Promise((r) => setTimeout(r, 30));
      expect(await store.outbox.pending(10_000)).toContain(id);
      expect(await claimOne(store.outbox, id, 60_000)).toMatchObject({ attempts: 2, status: 'sending' });
    });

    it('parks, never re-sends, a row whose sender died during the SMTP transaction (RFC 1047)', async () => {
      const { id } = await store.outbox.enqueue(item());
      expect(await claimOne(store.outbox, id, 1)).not.toBeNull();
      await store.outbox.markTransmitting(id);
      await new Promise((r) => setTimeout(r, 30));
      // The lease ran out: a row that had not begun would be handed over; this one may have been delivered.
      expect(await store.outbox.pending(10_000)).not.toContain(id);
      expect(await claimOne(store.outbox, id, 60_000)).toBeNull();
      expect(await store.outbox.parkInterrupted()).toContain(id);
      const parked = await store.outbox.get(id);
      expect(parked).toMatchObject({ status: 'failed' });
      expect(parked?.lastError).toMatch(/may have been delivered/);
      expect(await store.outbox.parkInterrupted()).not.toContain(id);
      // A human who checked may send it again: requeue clears the mark, and a claim takes it.
      await store.outbox.requeue(id);
      expect(await claimOne(store.outbox, id, 60_000)).toMatchObject({ status: 'sending', attempts: 1 });
    });

    it('a row of a purpose checked first is claimed, not transmitting, until its fenced mark', async () => {
      const [d, a] = (await store.outbox.enqueueAll([item({ purpose: 'digest' }), item()])).map((r) => r!.id);
      const [digest, ack] = await store.outbox.claimAll([d!, a!], 1, { transmitting: true, checkFirst: ['digest'] });
      await new Promise((r) => setTimeout(r, 30));
      // Its lease ran out before the check ended: handed over, not parked; the ack began its transaction: parked.
      const parked = await store.outbox.parkInterrupted();
      expect(parked).toContain(ack!.id);
      expect(parked).not.toContain(d);
      expect(await store.outbox.markTransmitting(d!, { attempts: digest!.attempts })).toBe(false);
      const again = await claimOne(store.outbox, d!, 60_000, { transmitting: true, checkFirst: ['digest'] });
      expect(again).toMatchObject({ attempts: 2 });
      expect(await store.outbox.markTransmitting(d!, { attempts: 1 })).toBe(false);
      expect(await store.outbox.markTransmitting(d!, { attempts: 2 })).toBe(true);
      expect(await claimOne(store.outbox, d!, 60_000)).toBeNull();
    });

    it('markFailed onlyIf: parks a row only in that status', async () => {
      const { id } = await store.outbox.enqueue(item());
      await claimOne(store.outbox, id, 60_000);
      expect(await store.outbox.markFailed(id, 'job ended', null, false, { onlyIf: 'queued' })).toBe(false);
      expect(await store.outbox.get(id)).toMatchObject({ status: 'sending' });
      expect(await store.outbox.markFailed(id, 'deferred', '451', true)).toBe(true);
      expect(await store.outbox.markFailed(id, 'job ended', '451', false, { onlyIf: 'queued' })).toBe(true);
      expect(await store.outbox.get(id)).toMatchObject({ status: 'failed', lastError: 'job ended' });
    });

    it('a live transmitting row is neither parked nor claimed', async () => {
      const { id } = await store.outbox.enqueue(item());
      await claimOne(store.outbox, id, 60_000);
      await store.outbox.markTransmitting(id);
      expect(await store.outbox.parkInterrupted()).not.toContain(id);
      expect(await claimOne(store.outbox, id, 60_000)).toBeNull();
      // A 4xx answer means it was not accepted: back to queued, claimable again.
      await store.outbox.markFailed(id, 'deferred', '451 4.3.0 later', true);
      expect(await claimOne(store.outbox, id, 60_000)).toMatchObject({ attempts: 2 });
    });

    it("enqueueAll's claim: rows it inserts are claimed as transmitting in that commit; a row found queued is left as it was", async () => {
      const earlier = item({ recipient: 'earlier@example.org' });
      const [old] = await store.outbox.enqueueAll([earlier]);
      const rows = await store.outbox.enqueueAll([earlier, item({ recipient: 'new@example.org' })], { claim: { leaseMs: 60_000 } });
      expect(rows.map((r) => r?.inserted)).toEqual([false, true]);
      expect(rows[0]!.id).toBe(old!.id);
      // The replay's row: still queued, the deliver queue's to claim.
      expect(await store.outbox.get(old!.id)).toMatchObject({ status: 'queued', attempts: 0 });
      const fresh = rows[1]!.id;
      expect(await store.outbox.get(fresh)).toMatchObject({ status: 'sending', attempts: 1 });
      // Neither claimable nor listed for the sweep while its lease runs: its sender holds it.
      expect(await claimOne(store.outbox, fresh, 60_000)).toBeNull();
      expect(await store.outbox.pending(10_000)).not.toContain(fresh);
      expect(await store.outbox.parkInterrupted()).not.toContain(fresh);
      expect(await store.outbox.renew([{ id: fresh, attempts: 1 }], 60_000)).toBe(1);
      await store.outbox.markSent(fresh, '250 ok');
      expect(await store.outbox.get(fresh)).toMatchObject({ status: 'sent', smtpResponse: '250 ok', attempts: 1 });
    });

    it("enqueueAll's claim, its sender gone before the answer: parked as possibly delivered, never claimed again", async () => {
      const [r] = await store.outbox.enqueueAll([item({ recipient: 'gone@example.org' })], { claim: { leaseMs: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await claimOne(store.outbox, r!.id, 60_000)).toBeNull();
      expect(await store.outbox.pending(10_000)).not.toContain(r!.id);
      expect(await store.outbox.parkInterrupted()).toContain(r!.id);
      expect(await store.outbox.get(r!.id)).toMatchObject({ status: 'failed' });
    });

    it('retries a transient failure, parks a permanent one, and requeues on demand', async () => {
      const { id } = await store.outbox.enqueue(item());
      await claimOne(store.outbox, id, 60_000);
      await store.outbox.markFailed(id, 'deferred', '451 4.3.0 try later', true);
      expect(await store.outbox.get(id)).toMatchObject({ status: 'queued', lastError: 'deferred', smtpResponse: '451 4.3.0 try later' });
      expect(await store.outbox.pending(10_000)).toContain(id);
      expect(await claimOne(store.outbox, id, 60_000)).toMatchObject({ attempts: 2 });
      await store.outbox.markFailed(id, 'rejected', '550 5.1.1 no such user', false);
      expect(await store.outbox.get(id)).toMatchObject({ status: 'failed', smtpResponse: '550 5.1.1 no such user' });
      expect(await claimOne(store.outbox, id, 60_000)).toBeNull();
      expect(await store.outbox.pending(10_000)).not.toContain(id);
      expect((await store.outbox.list({ status: 'failed' })).map((o) => o.id)).toContain(id);
      await store.outbox.requeue(id);
      expect(await store.outbox.get(id)).toMatchObject({ status: 'queued', attempts: 0 });
    });

    it('queues several rows in one commit, each capped on its own, and marks the message they complete done', async () => {
      const cause = await inbound();
      const to = `cap.${uniq()}@example.fr`;
      const since = new Date(Date.now() - 60_000);
      await store.outbox.enqueue(item({ recipient: to })); // one ack to this address already today
      const rows = [
        { ...item({ recipient: to, raw: Buffer.from([0x00, 0xff, 0x0d, 0x0a]) }), cap: { limit: 2, since } },
        { ...item({ recipient: to }), cap: { limit: 2, since } }, // the third today: over the cap
        item({ purpose: 'notify-organizer', recipient: 'orga@example.org', raw: Buffer.from('x'.repeat(70_000)) }),
      ];
      const out = await store.outbox.enqueueAll(rows, { completes: cause });
      expect(out[0]).toMatchObject({ inserted: true });
      expect(out[1]).toBeNull();
      expect(out[2]).toMatchObject({ inserted: true });
      for (const i of [0, 2]) expect((await store.outbox.get(out[i]!.id))?.raw.equals(rows[i]!.raw)).toBe(true);
      expect(await store.inbound.get(cause)).toMatchObject({ state: 'done' });
      // A replay returns the rows already queued, cap or not, and queues nothing more.
      const again = await store.outbox.enqueueAll(rows, { completes: cause });
      expect(again).toEqual([{ id: out[0]!.id, inserted: false }, null, { id: out[2]!.id, inserted: false }]);
      expect(await store.outbox.enqueueAll([])).toEqual([]);
    });

    it('concurrent filings queued together (one statement): each its own rows, claimed or not, and its message done', async () => {
      const causes = await Promise.all([0, 1, 2, 3, 4].map(() => inbound()));
      const filings = causes.map((cause, n) => ({
        cause,
        claim: n % 2 === 0,
        rows: [0, 1].map((k) => item({ subjectRef: `P-${uniq()}/m${cause}`, recipient: `f${n}.${k}.${uniq()}@example.org`, raw: Buffer.from(`mail ${n}.${k}`), causeMessageId: cause })),
      }));
      const out = await Promise.all(filings.map((f) => store.outbox.enqueueAll(f.rows, { completes: f.cause, ...(f.claim ? { claim: { leaseMs: 60_000 } } : {}) })));
      for (const [n, f] of filings.entries()) {
        expect(out[n]!.map((r) => r?.inserted)).toEqual([true, true]);
        for (const [k, r] of out[n]!.entries()) {
          const row = await store.outbox.get(r!.id);
          expect(row).toMatchObject({ recipient: f.rows[k]!.recipient, status: f.claim ? 'sending' : 'queued', attempts: f.claim ? 1 : 0 });
          expect(row!.raw.equals(f.rows[k]!.raw)).toBe(true);
        }
        expect(await store.inbound.get(f.cause)).toMatchObject({ state: 'done' });
      }
    });

    it('a filing the database refuses fails alone, not the filings queued in the same statement', async () => {
      const causes = await Promise.all([0, 1, 2].map(() => inbound()));
      const good = (cause: number) => [item({ subjectRef: `P-${uniq()}/m${cause}`, recipient: `ok.${uniq()}@example.org`, causeMessageId: cause })];
      // A purpose the table's CHECK refuses stands for any row the database will not store.
      const refused = [item({ purpose: 'no-such-purpose' as NewOutboxItem['purpose'], subjectRef: `P-${uniq()}/m${causes[1]}`, causeMessageId: causes[1]! })];
      const out = await Promise.allSettled([
        store.outbox.enqueueAll(good(causes[0]!), { completes: causes[0]! }),
        store.outbox.enqueueAll(refused, { completes: causes[1]! }),
        store.outbox.enqueueAll(good(causes[2]!), { completes: causes[2]! }),
      ]);
      expect(out.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.inbound.get(causes[0]!))?.state).toBe('done');
      expect((await store.inbound.get(causes[1]!))?.state).not.toBe('done');
      expect((await store.inbound.get(causes[2]!))?.state).toBe('done');
    });

    it('queues filings whose co-speakers come in other orders at once, without a deadlock', async () => {
      const [a, b, c] = [uniq(), uniq(), uniq()].map((x) => `co.${x}@example.fr`);
      const cap = { limit: 100, since: new Date(Date.now() - 60_000) };
      const orders = [[a, b, c], [c, b, a], [b, a, c], [c, a, b], [a, c, b], [b, c, a]];
      const out = await Promise.all(
        [...orders, ...orders].map((to) => store.outbox.enqueueAll(to.map((r) => ({ ...item({ recipient: r! }), cap })))),
      );
      expect(out.flat().every((r) => r?.inserted === true)).toBe(true);
    });

    it('lets concurrent filings for one address pass the cap only up to the limit', async () => {
      const to = `burst.${uniq()}@example.fr`;
      const cap = { limit: 3, since: new Date(Date.now() - 60_000) };
      const out = await Promise.all(Array.from({ length: 8 }, () => store.outbox.enqueueCapped(item({ recipient: to }), cap)));
      expect(out.filter((r) => r !== null)).toHaveLength(3);
    });

    it('records a send', async () => {
      const to = `Count.${uniq()}@Example.fr`;
      const { id } = await store.outbox.enqueue(item({ recipient: to }));
      await claimOne(store.outbox, id, 60_000);
      await store.outbox.markSent(id, '250 2.0.0 OK queued');
      const sent = await store.outbox.get(id);
      expect(sent).toMatchObject({ status: 'sent', smtpResponse: '250 2.0.0 OK queued', lastError: null });
      expect(sent?.sentAt).toBeInstanceOf(Date);
      expect(await claimOne(store.outbox, id, 60_000)).toBeNull();
    });
  });

  it('keeps IMAP checkpoints per mailbox', async () => {
    const box = `imap://h:143/INBOX-${uniq()}`;
    expect(await store.checkpoints.get(box)).toBeNull();
    await store.checkpoints.set(box, { uidValidity: 4294967295, lastUid: 12 });
    await store.checkpoints.set(box, { uidValidity: 4294967295, lastUid: 4294967294 });
    expect(await store.checkpoints.get(box)).toEqual({ uidValidity: 4294967295, lastUid: 4294967294 });
  });

  it('describes itself without credentials', () => {
    expect(store.describe()).toMatch(engine.name === 'pglite' ? /^pglite:\/\// : /^postgres:\/\//);
  });
});
