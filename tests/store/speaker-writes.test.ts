/**
 * A proposal's speakers (migration 023): a speaker's row is written only when it is new or its name changes — every
 * filing upserted it before, a new row version each time —, a re-send rewrites its speaker and attachment lists only
 * when they changed, and a speaker's row is written under a lock of its address taken with the filing locks, in one
 * order, before anything: two filings with co-speakers in other orders no longer each hold one speaker's new row while
 * waiting for the other's (a deadlock PostgreSQL breaks by cancelling a batch).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import { normalizeTitle } from '../../src/core/pipeline/normalize-title.ts';
import type { Store } from '../../src/app/store.ts';
import type { ParseResult, ProposalDraft } from '../../src/types.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';

const uniq = () => randomBytes(6).toString('hex');

function draft(over: Partial<ProposalDraft> = {}): ProposalDraft {
  return { format: 'talk', title: `Titre ${uniq()}`, abstract: 'a', durationMinutes: 30, language: 'fr', speakers: [], attachments: [], ...over };
}

describe('speaker rows written when they change, under locks taken in one order', () => {
  const schema = randomSchema('speakers');
  let store: Store;
  let admin: pg.Client;
  let blocker: pg.Client;
  beforeAll(async () => {
    store = await openStore(PG_URL, { schema });
    admin = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    blocker = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await Promise.all([admin.connect(), blocker.connect()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([admin?.end(), blocker?.end()]);
    await store?.close();
    await dropSchema(schema);
  }, 60_000);

  const inbound = async () => (await store.inbound.saveRaw(Buffer.from(`Message-ID: <${uniq()}@x>\r\nSubject: s\r\n\r\nb\r\n`), { source: 'cli' })).id;
  /** The speaker's row: its name and the transaction that wrote its current version. */
  const speakerRow = async (email: string) =>
    (await admin.query<{ name: string | null; xmin: string }>('SELECT name, xmin::text FROM speakers WHERE lower(email) = lower($1)', [email])).rows[0];
  const listRows = async (table: string, ref: string) =>
    (await admin.query<{ xmin: string }>(`SELECT t.xmin::text FROM ${table} t JOIN proposals p ON p.id = t.proposal_id WHERE p.ref = $1 ORDER BY t.position`, [ref])).rows.map((r) => r.xmin);

  it('a known speaker under the same name is not written again; a new name replaces it, no name keeps it', async () => {
    const email = `Ada.${uniq()}@Example.org`;
    const first = await store.proposals.fileFromMessage(await inbound(), draft({ speakers: [{ name: 'Ada Lovelace', email }] }), email);
    const written = await speakerRow(email);
    expect(written?.name).toBe('Ada Lovelace');

    // Another proposal by her, the address spelt otherwise: the row stays as it was, its spelling shown.
    const second = await store.proposals.fileFromMessage(await inbound(), draft({ speakers: [{ name: 'Ada Lovelace', email: email.toLowerCase() }] }), email);
    expect(await speakerRow(email)).toEqual(written);
    expect(second.proposal.speakers).toEqual([{ name: 'Ada Lovelace', email }]);
    expect(first.proposal.speakers).toEqual([{ name: 'Ada Lovelace', email }]);

    await store.proposals.fileFromMessage(await inbound(), draft({ speakers: [{ name: null, email }] }), email);
    expect(await speakerRow(email)).toEqual(written);

    await store.proposals.fileFromMessage(await inbound(), draft({ speakers: [{ name: 'Ada King', email }] }), email);
    expect((await speakerRow(email))?.name).toBe('Ada King');
  });

  it('a re-send keeps its unchanged speaker and attachment lists in place, rewrites a list that changed', async () => {
    const email = `grace.${uniq()}@example.org`;
    const attachments = [{ filename: 'slides.pdf', contentType: 'application/pdf', size: 3, sha256: 'cd'.repeat(32) }];
    const d = draft({ speakers: [{ name: 'Grace Hopper', email }, { name: 'Sans Adresse', email: null }], attachments });
    const { proposal } = await store.proposals.fileFromMessage(await inbound(), d, email);
    const speakersBefore = await listRows('proposal_speakers', proposal.ref);
    const attachmentsBefore = await listRows('proposal_attachments', proposal.ref);
    const speakerBefore = await speakerRow(email);

    const resent = await store.proposals.update(proposal.ref, { ...d, abstract: 'b' }, email, await inbound(), { unlessSuperseded: true });
    expect(resent).toMatchObject({ abstract: 'b', speakers: d.speakers, attachments });
    expect(await listRows('proposal_speakers', proposal.ref)).toEqual(speakersBefore);
    expect(await listRows('proposal_attachments', proposal.ref)).toEqual(attachmentsBefore);
    expect(await speakerRow(email)).toEqual(speakerBefore);
    const history = await store.proposals.history(proposal.ref);
    expect(history.at(-1)?.detail).toEqual({ abstract: { from: 'a', to: 'b' } });

    // A co-speaker added: the speaker list rewritten, the attachments' left.
    const other = `alan.${uniq()}@example.org`;
    const speakers = [...d.speakers, { name: 'Alan Turing', email: other }];
    const changed = await store.proposals.update(proposal.ref, { ...d, abstract: 'b', speakers }, email, await inbound(), { unlessSuperseded: true });
    expect(changed.speakers).toEqual(speakers);
    expect(await listRows('proposal_speakers', proposal.ref)).not.toEqual(speakersBefore);
    expect(await listRows('proposal_attachments', proposal.ref)).toEqual(attachmentsBefore);
    expect((await speakerRow(other))?.name).toBe('Alan Turing');
    expect((await store.proposals.history(proposal.ref)).at(-1)?.detail).toEqual({ speakers: { from: d.speakers, to: speakers } });
  });

  it('a batch waiting for one speaker holds none of its other speakers’ rows', async () => {
    // Two filings in one batch: the first (lower message id) by the speaker whose lock key is the higher, the second by
    // the other. Another transaction is filing a proposal of the second speaker, its new row not yet committed. Writing
    // each speaker as its filing came, the batch wrote the first speaker's row and then waited for the second's: the half
    // of a deadlock, the other half a filing with the same two speakers in the other order.
    const key = async (email: string) => BigInt((await admin.query<{ k: string }>('SELECT hashtext($1)::bigint AS k', [`crieur-speaker:${email}`])).rows[0]!.k);
    const pair = await Promise.all([0, 1].map(async () => {
      const email = `co.${uniq()}@example.org`;
      return { email, k: await key(email) };
    }));
    const [lo, hi] = pair.sort((a, b) => (a.k < b.k ? -1 : 1));
    const parsed = (email: string): ParseResult => {
      const title = `Titre ${uniq()}`;
      return { messageId: null, kind: 'proposal', from: null, subject: title, language: 'fr', warnings: [], proposal: draft({ title, speakers: [{ name: 'S', email }] }) };
    };
    const hiMessage = await inbound();
    const loMessage = await inbound();
    const blockerMessage = await inbound();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT outcome FROM crieur_file_proposal($1, $2::jsonb, 'x', NULL, '', NULL)`, [blockerMessage, JSON.stringify(parsed(lo!.email).proposal)]);
    const since = new Date(Date.now() - 86_400_000);
    const file = (email: string, message: number) => {
      const p = parsed(email);
      return store.proposals.classifyAndFile(message, p, email, { speakerEmail: email, titleKey: normalizeTitle(p.subject), since });
    };
    const filed = Promise.all([file(hi!.email, hiMessage), file(lo!.email, loMessage)]);
    let held: boolean;
    try {
      const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      for (let n = 0; ; n++) {
        const waiting = await admin.query('SELECT 1 FROM pg_stat_activity WHERE $1::integer = ANY(pg_blocking_pids(pid))', [blockerPid]);
        if (waiting.rowCount) break;
        if (n > 500) throw new Error('the batch never waited for the blocking filing');
        await new Promise((r) => setTimeout(r, 20));
      }
      // Whether the first speaker's row is free: another filing of that speaker would not wait.
      await admin.query('BEGIN');
      await admin.query(`SET LOCAL lock_timeout = '300ms'`);
      try {
        await admin.query('INSERT INTO speakers (email, name) VALUES ($1, $2) ON CONFLICT ((lower(email))) DO NOTHING', [hi!.email, 'probe']);
        held = false;
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03') throw err;
        held = true;
      } finally {
        await admin.query('ROLLBACK');
      }
    } finally {
      await blocker.query('COMMIT');
    }
    expect((await filed).map((f) => f.outcome)).toEqual(['filed', 'filed']);
    expect(held).toBe(false);
  }, 60_000);
});
