/**
 * inbox.url maildir:///proc (a directory where the file system makes none): the session made new/, cur/ and tmp/ with
 * Node's recursive mkdir, which reads /proc's ENOENT as a missing parent and tries again forever — `crieur start`
 * spun a core and never said why (the loop 04b7c24 took out of the PGlite directory's making). One level at a time
 * now (src/adapters/make-dir.ts): start() rejects at once, EINBOX_MAILBOX (the configuration's, 78), the cause in words.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MaildirInbox } from '../../src/adapters/inbox/maildir.ts';
import { delay, memoryLogger, MemoryCheckpoints, Recorder } from './helpers.ts';

describe('a Maildir where no directory can be made', () => {
  const made = mkdtempSync(join(tmpdir(), 'crieur-maildir-mk-'));
  afterAll(() => rmSync(made, { recursive: true, force: true }));

  it('/proc: start() rejects at once with the cause and the fix, no core spun', async () => {
    const inbox = new MaildirInbox('maildir:///proc', { checkpoints: new MemoryCheckpoints(), logger: memoryLogger(), pollMs: 60_000 }, { fsWatch: false });
    const started = inbox.start(new Recorder().handle).then(() => 'started', (err: unknown) => err);
    const outcome = await Promise.race([started, delay(5_000).then(() => 'hung')]);
    await inbox.stop();
    expect(outcome).toMatchObject({ code: 'EINBOX_MAILBOX' });
    expect((outcome as Error).message).toBe('Maildir /proc is not usable (new/: this file system makes no directory there): give this user access or correct inbox.url');
  });

  it('an existing directory without new/, cur/, tmp/ still gets them', async () => {
    const inbox = new MaildirInbox(`maildir://${made}`, { checkpoints: new MemoryCheckpoints(), logger: memoryLogger(), pollMs: 60_000 }, { fsWatch: false });
    await inbox.start(new Recorder().handle);
    await inbox.stop();
    for (const sub of ['new', 'cur', 'tmp']) expect(statSync(join(made, sub)).isDirectory()).toBe(true);
  });
});
