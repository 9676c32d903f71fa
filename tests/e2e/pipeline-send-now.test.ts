/**
 * A filing sends its own mails (deps.sendNow) when the SMTP pool frees a connection for each: it reserves them first,
 * queues its rows already claimed in the commit that marks the message done (OutboxStore.enqueueAll's `claim`), and
 * sends the bytes it composed — no claim statement of their own, no deliver job. A pool too small for them falls back
 * to a deliver job, which claims them (tests/faults/delivery-retry.test.ts, pool of 1).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../support/db.ts';
import { ENGINE_NAMES, ORGANIZERS, proposalMail, quiet, sentTo, settled, useLive, waitFor, waitSentTo } from '../support/pipeline.ts';

describe.each(ENGINE_NAMES)('a filing on %s sends its own mails', (engine) => {
  let maildir: string;
  afterAll(() => {
    if (maildir) removeDir(maildir);
  });
  const live = useLive(engine, () => {
    maildir = tempDir('crieur-e2e-send-now-');
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub));
    // A connection for the acknowledgement and each organizer's notice.
    return { inboxUrl: `maildir://${maildir}`, overrides: { smtp: { pool: ORGANIZERS.length + 1 } } };
  });
  const deliver = (raw: Buffer) => {
    writeFileSync(join(maildir, 'tmp', 'm1'), raw);
    renameSync(join(maildir, 'tmp', 'm1'), join(maildir, 'new', `${Date.now()}.send-now.test`));
  };

  it('claimed in the commit that queued them: sent once each, first attempt, no claim of their own', async () => {
    await waitFor(() => quiet(live.p), 'pipeline quiet: every pooled connection free');
    const { outbox } = live.p.running.context.deps.store;
    const claimAll = outbox.claimAll;
    const asked: number[] = [];
    outbox.claimAll = (ids, ...rest) => (asked.push(...ids), claimAll.call(outbox, ids, ...rest));
    try {
      const email = 'sans.claim@exemple.fr';
      const { raw, messageId } = proposalMail({ lang: 'fr', name: 'Inès Directe', email, title: 'Envoyé par le classement' });
      deliver(raw);
      await waitSentTo(live.sink, email, 1);
      const inbound = await settled(live.p, messageId);
      await waitFor(() => quiet(live.p), 'pipeline quiet');
      const rows = await live.p.db.query<{ id: number; purpose: string; status: string; attempts: number }>(
        'SELECT id, purpose, status, attempts FROM outbox WHERE cause_message_id = $1 ORDER BY id',
        [inbound.id],
      );
      expect(rows.map((r) => r.purpose).sort()).toEqual(['ack', ...ORGANIZERS.map(() => 'notify-organizer')].sort());
      for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 1 });
      expect(asked.filter((id) => rows.some((r) => r.id === id))).toEqual([]);
      expect(await sentTo(live.sink, email)).toHaveLength(1);
      for (const o of ORGANIZERS) expect((await sentTo(live.sink, o)).filter((m) => m.mail.subject.includes('Envoyé par le classement'))).toHaveLength(1);
    } finally {
      outbox.claimAll = claimAll;
    }
  });
});
