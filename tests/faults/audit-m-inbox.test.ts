/**
 * Audit M: the IMAP server refusing to move handled mail to inbox.processedFolder (a folder over quota, or not writable
 * by the mail user). Before, the session failed (« Command failed »), reconnected, fetched the same message again, failed
 * again — every later message waited behind it for good (the third proposal was never acknowledged). Now the message,
 * stored and handled already, stays in the mailbox with a warning naming the folder and the server's reason, and the
 * watcher goes on with the next.
 */
import { chmodSync, chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposalMail, sleep, spawnCrieur, speakerOf, useChildServices, waitUntil } from '../support/crieur-process.ts';

const svc = useChildServices('audit-m-inbox', ['orga@pgug.example.org']);
const asRoot = process.getuid?.() === 0;

function lockDown(dir: string): void {
  // Owned by root, read-only: the mail user (dovecot) can no longer write there.
  for (const entry of ['', 'cur', 'new', 'tmp']) {
    const p = join(dir, entry);
    try {
      statSync(p);
    } catch {
      continue;
    }
    chownSync(p, 0, 0);
    chmodSync(p, 0o500);
  }
}

describe('the processed folder refuses the move', () => {
  it.skipIf(!asRoot)('leaves the handled message in the mailbox, says why, and goes on with the next messages', { timeout: 90_000 }, async () => {
    const child = spawnCrieur(['start', '--config', svc.configFile], { dir: svc.box.dir, name: 'move-refused' });
    await child.waitForLog('inbox caught up; watching', 60_000);
    await svc.imap.append('INBOX', proposalMail(1, 'mv'));
    const acked = (n: number) => svc.sink.messages.some((m) => m.envelope.to.includes(speakerOf(n, 'mv')));
    await waitUntil(() => acked(1), 30_000, 'the first acknowledgement');

    const processed = readdirSync(svc.dc.maildir).find((d) => /Processed$/.test(d))!;
    lockDown(join(svc.dc.maildir, processed));
    await svc.imap.append('INBOX', proposalMail(2, 'mv'));
    await svc.imap.append('INBOX', proposalMail(3, 'mv'));
    await waitUntil(() => acked(2) && acked(3), 40_000, 'the acknowledgements of the two proposals that came after');
    await sleep(3_000);

    const left = child.logs().filter((l) => /^handled message left in the mailbox/.test(l.msg ?? ''));
    expect(left).toHaveLength(2);
    expect(left[0]).toMatchObject({ folder: 'Crieur/Processed', reason: expect.any(String) as unknown });
    expect(left[0]!.msg).toMatch(/set inbox\.processedFolder/);
    // Each said once: not fetched again and again.
    expect(child.logs().filter((l) => /inbox session failed/.test(l.msg ?? ''))).toEqual([]);
    const box = await svc.imap.status('INBOX', { messages: true });
    expect(box && box.messages).toBe(2);
    expect(svc.sink.messages.filter((m) => m.envelope.to.includes(speakerOf(2, 'mv')))).toHaveLength(1);
    expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
