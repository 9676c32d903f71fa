/**
 * The Maildir inbox on a real directory (and a real Redis for the lock): fs.watch push, filename order,
 * new/ → cur/ with :2,S, ignored mail left in new/, restart without re-delivery, one watcher per folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openInbox } from '../../src/adapters/inbox/index.ts';
import { MaildirInbox, parseMaildirUrl, seenName } from '../../src/adapters/inbox/maildir.ts';
import type { Inbox, InboxDeps } from '../../src/adapters/inbox/types.ts';
import { delay, mail, memoryLogger, MemoryCheckpoints, Recorder, redisForTest, subjectOf, waitUntil } from './helpers.ts';

const redisCtx = redisForTest();
const running: Inbox[] = [];
let root: string;
let seq = 0;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'crieur-maildir-'));
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(root, d));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((i) => i.stop()));
  rmSync(root, { recursive: true, force: true });
});
afterAll(() => redisCtx.cleanup());

/** Delivers like an MDA: write in tmp/, rename into new/ (so a reader never sees half a file). */
function deliver(subject: string, name = `${1_700_000_000 + ++seq}.M${seq}P1.test`): string {
  writeFileSync(join(root, 'tmp', name), mail(subject));
  renameSync(join(root, 'tmp', name), join(root, 'new', name));
  return name;
}

function watcher(over: Partial<InboxDeps> = {}, fsWatch = true): MaildirInbox {
  const deps = { checkpoints: new MemoryCheckpoints(), logger: memoryLogger(), pollMs: 60_000, ...over };
  const inbox = new MaildirInbox(`maildir://${root}`, deps, { fsWatch });
  running.push(inbox);
  return inbox;
}

describe('Maildir inbox', () => {
  it.each([
    ['plain name', '1700000001.M1P1.host', '1700000001.M1P1.host:2,S'],
    ['already flagged', '1700000001.M1P1.host:2,F', '1700000001.M1P1.host:2,FS'],
    ['already seen', '1700000001.M1P1.host:2,RS', '1700000001.M1P1.host:2,RS'],
  ])('names the handled file in cur/ (%s)', (_label, name, expected) => {
    expect(seenName(name)).toBe(expected);
  });

  it.each([
    ['maildir:///var/mail/talks', '/var/mail/talks'],
    ['maildir:///var/mail/talks/', '/var/mail/talks'],
    ['maildir:///srv/mail%20box', '/srv/mail box'],
  ])('parses %s', (url, path) => {
    expect(parseMaildirUrl(url)).toBe(path);
  });

  it('catches up with existing mail in filename order, then delivers new files through fs.watch', async () => {
    deliver('second', '1700000002.M2P1.test');
    deliver('first', '1700000001.M1P1.test');
    const rec = new Recorder();
    const inbox = watcher();
    await inbox.start(rec.handle);
    expect(rec.subjects()).toEqual(['first', 'second']);
    const t0 = Date.now();
    // Its own name: the default one (seq 1) was the name of 'first' here, already in cur/ — the wait below passed at once
    // on first's file and new/ was read before the watcher had moved the third (a flaky CI run, 2026-12-04).
    const name = deliver('third', '1700000003.M3P1.test');
    await waitUntil(() => rec.got.length === 3, 2_000, 'fs.watch delivery');
    console.log(`maildir: new file → onMessage in ${Date.now() - t0} ms`);
    expect(rec.got[2]!.locator).toEqual({ source: 'maildir', mailbox: root, path: join(root, 'new', name) });
    await waitUntil(() => existsSync(join(root, 'cur', `${name}:2,S`)), 2_000, 'move to cur/');
    expect(readdirSync(join(root, 'new'))).toEqual([]);
    expect(readdirSync(join(root, 'cur')).sort()).toEqual(
      ['1700000001.M1P1.test:2,S', '1700000002.M2P1.test:2,S', `${name}:2,S`],
    );
  });

  it('leaves ignored mail in new/, and a restarted watcher re-delivers nothing it handled', async () => {
    deliver('keep me');
    const ignoredName = deliver('skip me [ignore]');
    const rec1 = new Recorder();
    const first = watcher();
    await first.start(rec1.handle);
    await first.stop();
    expect(rec1.subjects()).toEqual(['keep me', 'skip me [ignore]']);
    expect(readdirSync(join(root, 'new'))).toEqual([ignoredName]);
    expect(readdirSync(join(root, 'cur'))).toHaveLength(1);

    deliver('while stopped');
    const rec2 = new Recorder();
    const second = watcher();
    await second.start(rec2.handle);
    // The ignored one comes back (this process has not seen it); the handled one never does.
    expect(rec2.subjects()).toEqual(['skip me [ignore]', 'while stopped']);
  });

  it('finds new files through the periodic rescan when fs.watch is off', async () => {
    const rec = new Recorder();
    const inbox = watcher({ pollMs: 300 }, false);
    await inbox.start(rec.handle);
    deliver('found by rescan');
    await waitUntil(() => rec.got.length === 1, 2_000, 'rescan delivery');
    expect(rec.subjects()).toEqual(['found by rescan']);
  });

  it('waits for a file written straight into new/ to be filled, instead of handing over an empty message', async () => {
    const rec = new Recorder();
    const inbox = watcher({ pollMs: 300 }, false);
    const name = '1700000099.M99P1.direct';
    writeFileSync(join(root, 'new', name), '');
    await inbox.start(rec.handle);
    await delay(700); // two rescans see it empty
    expect(rec.got).toHaveLength(0);
    writeFileSync(join(root, 'new', name), mail('written in place'));
    await waitUntil(() => rec.got.length === 1, 3_000, 'the filled file delivered');
    expect(rec.subjects()).toEqual(['written in place']);
  });

  it('goes on with the next message when a handled one cannot be moved to cur/, said once, not read again', async () => {
    // A directory in cur/ under the handled file's name makes its rename fail (EISDIR) even for root, as a cur/
    // that is not writable (EACCES, EROFS) does for the user crieur runs as.
    const stuck = deliver('cannot be moved', '1700000001.M1P1.test');
    const behind = deliver('behind it', '1700000002.M2P1.test');
    mkdirSync(join(root, 'cur', `${stuck}:2,S`));
    const logger = memoryLogger();
    const rec = new Recorder();
    const inbox = watcher({ logger, pollMs: 200, backoff: { initialMs: 100, maxMs: 200 } }, false);
    await inbox.start(rec.handle);
    await waitUntil(() => existsSync(join(root, 'cur', `${behind}:2,S`)), 3_000, 'the next message handled');
    await delay(700); // several rescans
    expect(rec.subjects()).toEqual(['cannot be moved', 'behind it']);
    expect(readdirSync(join(root, 'new'))).toEqual([stuck]);
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain(`cannot move it to ${join(root, 'cur', `${stuck}:2,S`)} (EISDIR)`);
    expect(inbox.state).toBe('active');
  });

  it('says once that a file in new/ cannot be read, and goes on with the next', async () => {
    // A directory stands for any entry read refuses (EISDIR here, as root; EACCES for a file another user wrote 0600).
    mkdirSync(join(root, 'new', '1700000001.M1P1.unreadable'));
    const next = deliver('readable', '1700000002.M2P1.test');
    const logger = memoryLogger();
    const rec = new Recorder();
    const inbox = watcher({ logger, pollMs: 200 }, false);
    await inbox.start(rec.handle);
    await waitUntil(() => existsSync(join(root, 'cur', `${next}:2,S`)), 3_000, 'the next message handled');
    await delay(700); // several rescans
    expect(rec.subjects()).toEqual(['readable']);
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain(`cannot read ${join(root, 'new', '1700000001.M1P1.unreadable')} (EISDIR)`);
  });

  it('offers a message again after its handler failed (at-least-once), with backoff', async () => {
    const logger = memoryLogger();
    const inbox = watcher({ logger, backoff: { initialMs: 100, maxMs: 200 } });
    const seen: string[] = [];
    let failures = 1;
    // Fails once, as when the store is briefly unreachable.
    await inbox.start(async (m) => {
      seen.push(subjectOf(m.raw));
      if (failures-- > 0) throw new Error('database unreachable');
      return 'handled';
    });
    const name = deliver('retry me');
    await waitUntil(() => existsSync(join(root, 'cur', `${name}:2,S`)), 3_000, 'handled after a retry');
    expect(seen).toEqual(['retry me', 'retry me']);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => (l.obj as { err?: string }).err)).toEqual(['database unreachable']);
  });

  it('lets only one of two watchers deliver, and the other takes over when the first stops', async () => {
    const lock = { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 3_000, retryMs: 200 };
    const [recA, recB] = [new Recorder(), new Recorder()];
    const a = watcher({ lock });
    const b = watcher({ lock });
    await a.start(recA.handle);
    await b.start(recB.handle);
    expect([a.state, b.state]).toEqual(['active', 'standby']);
    expect(await redisCtx.redis.exists(`${redisCtx.prefix}:lock:inbox:maildir://${root}`)).toBe(1);
    deliver('m1');
    await waitUntil(() => recA.got.length === 1, 2_000, 'A delivers');
    await delay(400);
    expect(recB.got).toHaveLength(0);
    await a.stop();
    deliver('m2');
    await waitUntil(() => recB.got.length === 1, 3_000, 'B takes over');
    expect(recB.subjects()).toEqual(['m2']);
  });

  it('stops when asked while it is still taking the lease (a stop during start-up), and delivers nothing after', async () => {
    const lock = { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 3_000, retryMs: 200 };
    const rec = new Recorder();
    const w = watcher({ lock });
    const started = w.start(rec.handle).catch(() => undefined);
    const stopped = w.stop(); // the lease request is in flight
    const outcome = await Promise.race([stopped.then(() => 'stopped'), delay(5_000).then(() => 'hung')]);
    expect(outcome).toBe('stopped');
    await started;
    expect(w.state).toBe('stopped');
    deliver('after stop');
    await delay(300);
    expect(rec.got).toHaveLength(0);
  });

  it('rejects start() when the Maildir does not exist, and openInbox picks it by scheme', async () => {
    const deps = { checkpoints: new MemoryCheckpoints(), logger: memoryLogger() };
    const missing = openInbox(`maildir://${root}/nope`, deps);
    expect(missing).toBeInstanceOf(MaildirInbox);
    await expect(missing.start(new Recorder().handle)).rejects.toMatchObject({ code: 'EINBOX_MAILBOX' });
  });
});
