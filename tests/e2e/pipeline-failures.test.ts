/**
 * What goes wrong, end to end through Dovecot and a scripted SMTP server: a 451 is retried and the mail sent
 * exactly once; a 550 parks the mail with the server's answer, listed by `crieur failed list`; a malformed
 * message, or bytes with no header at all, is kept byte-exact and ends done or failed — never lost, never
 * stuck — and `crieur failed retry` replays a parked message from its stored bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedRows } from '../../src/cli/commands/failed.ts';
import { corpusDir, hasCorpus } from '../support/corpus.ts';
import {
  appendRaw,
  ENGINE_NAMES,
  findInbound,
  proposalMail,
  quiet,
  scriptedSink,
  sentTo,
  settled,
  toCrlf,
  useLiveImap,
  waitFor,
  waitSentTo,
  ORGANIZERS,
} from '../support/pipeline.ts';

/** Malformed samples of several sorts: header only, no Content-Type, unparseable From, broken MIME, bad charset. */
const MALFORMED = [
  'malformed/enmime__header-only.eml',
  'malformed/flanker__no-ctype.eml',
  'malformed/ruby-mail__cant_parse_from.eml',
  'malformed/mime4j__multi-bad.eml',
  'malformed/enmime__bad-final-boundary.eml',
  'malformed/james__invalidCharset.eml',
  'malformed/redmine__no_subject_header.eml',
];


describe.each(ENGINE_NAMES)('pipeline on %s: SMTP failures, malformed mail, replay', (engine) => {
  let script: (recipient: string, codes: number[]) => void;
  const live = useLiveImap(engine, async () => {
    const scripted = await scriptedSink();
    script = scripted.script;
    return { sink: scripted.sink };
  });

  const ackRow = async (email: string) => (await live.p.store.outbox.list()).find((o) => o.purpose === 'ack' && o.recipient === email);

  it('SMTP 451 then 250: retried, sent exactly once, the row says sent', async () => {
    const email = 'temp.fail@example.com';
    script(email, [451]);
    await appendRaw(live.imap, proposalMail({ lang: 'en', name: 'Temp Fail', email, title: 'Retry semantics in practice' }).raw);
    await waitSentTo(live.sink, email, 1);
    await waitFor(async () => (await ackRow(email))?.status === 'sent', 'ack row sent');
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    const row = (await ackRow(email))!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.smtpResponse).toMatch(/^250/);
    expect(live.sink.rejected.filter((r) => r.envelope.to.includes(email)).map((r) => r.reply.code)).toEqual([451]);
    expect(await sentTo(live.sink, email)).toHaveLength(1);
  });

  it('SMTP 550: parked as failed with the server answer, in the failed list, not retried; `failed retry` sends it', async () => {
    const email = 'hard.fail@example.com';
    script(email, [550, 550, 550]);
    await appendRaw(live.imap, proposalMail({ lang: 'en', name: 'Hard Fail', email, title: 'Permanent errors' }).raw);
    const row = await waitFor(async () => {
      const r = await ackRow(email);
      return r?.status === 'failed' ? r : null;
    }, 'ack row failed');
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(row.smtpResponse).toMatch(/^550 5\.1\.1 <hard\.fail@example\.com>: mailbox unavailable/);
    expect(row.attempts).toBe(1);
    const listed = (await failedRows(live.p.store)).find((f) => f.id === `o${row.id}`);
    expect(listed).toMatchObject({ type: 'mail', what: expect.stringContaining(email) as unknown, error: expect.stringMatching(/^550/) as unknown });
    expect(live.sink.rejected.filter((r) => r.envelope.to.includes(email))).toHaveLength(1);
    expect(await sentTo(live.sink, email)).toEqual([]);
    // The organizers are told, once, in the day's summary of undelivered mail, with the server's answer.
    const summaries = await waitFor(async () => {
      const s = (await sentTo(live.sink, ORGANIZERS[0]!)).filter((m) => /non distribué/.test(m.mail.subject));
      return s.length ? s : null;
    }, 'the summary of undelivered mail');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.mail.text).toMatch(new RegExp(`^- o${row.id} : accusé de réception .*, à ${email}$`, 'm'));
    expect(summaries[0]!.mail.text).toContain('dernière réponse : 550 5.1.1');

    // The mailbox was fixed: `crieur failed retry o<id>` queues the very same bytes again, and they go out once.
    script(email, []);
    await live.p.store.outbox.requeue(row.id);
    await live.p.running.context.dispatcher.dispatch('deliver', row.id, { again: true });
    const [sent] = await waitSentTo(live.sink, email, 1);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(sent!.raw.equals(row.raw)).toBe(true);
    expect(await live.p.store.outbox.get(row.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await failedRows(live.p.store)).map((f) => f.id)).not.toContain(`o${row.id}`);
    expect(await sentTo(live.sink, email)).toHaveLength(1);
  });

  it.skipIf(!hasCorpus)('malformed messages and header-less bytes are kept byte-exact and end done or failed, visible when failed', async () => {
    const corpus = corpusDir();
    const raws = [...MALFORMED.map((f) => toCrlf(readFileSync(join(corpus, f)))), Buffer.from('just some text that someone piped in\r\nwith no header at all\r\n')];
    for (const raw of raws) await appendRaw(live.imap, raw);
    const stored = [];
    for (const raw of raws) stored.push(await settled(live.p, raw));
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    for (const [i, m] of stored.entries()) {
      const raw = raws[i]!;
      expect((await live.p.store.inbound.getRaw(m.id))?.equals(raw), `m${m.id} byte-exact`).toBe(true);
      expect(['done', 'failed'], `m${m.id}`).toContain(m.state);
      if (m.state === 'failed') expect(m.error).toMatch(/\w{5,}/);
      else expect(m.kind).not.toBeNull();
    }
    const headerless = stored.at(-1)!;
    expect(headerless).toMatchObject({ state: 'failed', kind: null, error: expect.stringMatching(/not a mail message/) as unknown });
    const failed = await failedRows(live.p.store);
    for (const m of stored.filter((s) => s.state === 'failed')) expect(failed.map((f) => f.id)).toContain(`m${m.id}`);
  });

  it('`failed retry` replays a parked message from its stored bytes: state received, classify again', async () => {
    const retry = async (id: number) => {
      // What `crieur failed retry m<id>` does.
      await live.p.store.inbound.setState(id, 'received', null);
      await live.p.running.context.dispatcher.dispatch('classify', id, { again: true });
    };

    // Header-less bytes cannot become mail: the replay runs (received → failed again) and keeps them.
    const junk = Buffer.from('%PDF-1.4 not a message\r\n');
    await appendRaw(live.imap, junk);
    const parked = await settled(live.p, junk);
    expect(parked.state).toBe('failed');
    const touched = async () => (await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_messages WHERE id = $1 AND updated_at > $2', [parked.id, before]))[0]?.n === 1;
    const [{ before } = { before: new Date() }] = await live.p.db.query<{ before: Date }>('SELECT updated_at AS before FROM inbound_messages WHERE id = $1', [parked.id]);
    await retry(parked.id);
    await waitFor(async () => (await touched()) && (await live.p.store.inbound.get(parked.id))?.state === 'failed', 'replayed and parked again');
    expect(await live.p.store.inbound.get(parked.id)).toMatchObject({ state: 'failed', error: parked.error });
    expect((await live.p.store.inbound.getRaw(parked.id))?.equals(junk)).toBe(true);

    // A proposal parked by a worker that gave up is filed and acknowledged on replay.
    // Stored, then parked before anything was filed (as the runner's park does after repeated failures).
    const sibling = proposalMail({ lang: 'fr', name: 'Parquée Speaker', email: 'second.parked@exemple.fr', title: 'Autre sujet parqué' });
    const saved = await live.p.store.inbound.saveRaw(sibling.raw, { source: 'cli' });
    await live.p.store.inbound.setState(saved.id, 'failed', 'Error: simulated worker crash');
    expect((await failedRows(live.p.store)).map((f) => f.id)).toContain(`m${saved.id}`);
    await retry(saved.id);
    await waitSentTo(live.sink, 'second.parked@exemple.fr', 1);
    const replayed = await settled(live.p, sibling.messageId);
    expect(replayed).toMatchObject({ state: 'done', kind: 'proposal' });
    expect(await live.p.store.proposals.findByMessage(replayed.id)).toMatchObject({ title: 'Autre sujet parqué' });
    expect((await failedRows(live.p.store)).map((f) => f.id)).not.toContain(`m${saved.id}`);
    expect(await findInbound(live.p, sibling.raw)).toMatchObject({ id: saved.id });
  });
});
