/**
 * The IMAP inbox against a real Dovecot and a real Redis: push via IDLE, checkpoint resume, ignored mail,
 * reconnect after a server restart, one watcher per mailbox, UIDVALIDITY rescan.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { ImapInbox } from '../../src/adapters/inbox/imap.ts';
import { openInbox } from '../../src/adapters/inbox/index.ts';
import type { Inbox, InboxDeps } from '../../src/adapters/inbox/types.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { delay, imapClient, mail, memoryLogger, MemoryCheckpoints, Recorder, redisForTest, subjectsIn, uidsIn, waitUntil } from './helpers.ts';

let dc: Dovecot;
let client: ImapFlow;
const redisCtx = redisForTest();
const running: Inbox[] = [];
let boxCounter = 0;

beforeAll(async () => {
  dc = await startDovecot();
  client = await imapClient(dc);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((i) => i.stop()));
});
afterAll(async () => {
  await client?.logout().catch(() => undefined);
  await dc?.stop();
  await redisCtx.cleanup();
});

/** A fresh mailbox and processed folder per test, so tests do not see each other's mail. */
async function freshBox(): Promise<{ box: string; processed: string }> {
  boxCounter += 1;
  const box = `Watch${boxCounter}`;
  await client.mailboxCreate(box);
  return { box, processed: `Done${boxCounter}` };
}

function watcher(url: string, over: Partial<InboxDeps> & { checkpoints?: MemoryCheckpoints } = {}): ImapInbox {
  const inbox = new ImapInbox(url, {
    checkpoints: new MemoryCheckpoints(),
    logger: memoryLogger(),
    pollMs: 60_000, // push must come from IDLE, not from the safety poll
    backoff: { initialMs: 100, maxMs: 1_000 },
    ...over,
  });
  running.push(inbox);
  return inbox;
}

describe('IMAP inbox', () => {
  it('delivers an appended message through IDLE within 2 s and moves it to the processed folder', async () => {
    const processed = 'Crieur/Processed';
    const rec = new Recorder();
    const inbox = watcher(dc.url('INBOX'), { processedFolder: processed });
    await inbox.start(rec.handle);
    expect(inbox.state).toBe('active');
    await delay(400); // let auto-IDLE begin: the point is push, not the first catch-up
    const t0 = Date.now();
    await client.append('INBOX', mail('Proposition : partitionnement'));
    await waitUntil(() => rec.got.length === 1, 2_000, 'IDLE delivery');
    const latency = Date.now() - t0;
    console.log(`imap: APPEND → onMessage in ${latency} ms`);
    expect(rec.subjects()).toEqual(['Proposition : partitionnement']);
    expect(rec.got[0]!.locator).toMatchObject({ source: 'imap', mailbox: `imap://crieur@127.0.0.1:${dc.port}/INBOX`, uid: 1 });
    expect(rec.got[0]!.raw.toString()).toContain('Body of Proposition');
    await waitUntil(async () => (await uidsIn(client, 'INBOX')).length === 0, 2_000, 'move out of INBOX');
    expect(await subjectsIn(client, 'Crieur.Processed')).toEqual(['Proposition : partitionnement']);
  });

  it('leaves ignored messages in the mailbox and resumes after a restart from the checkpoint, without re-delivery', async () => {
    const { box, processed } = await freshBox();
    const checkpoints = new MemoryCheckpoints();
    for (const s of ['one', 'two [ignore]', 'three']) await client.append(box, mail(s));

    const rec1 = new Recorder();
    const first = watcher(dc.url(box), { checkpoints, processedFolder: processed });
    await first.start(rec1.handle); // resolves after the initial catch-up
    expect(rec1.subjects()).toEqual(['one', 'two [ignore]', 'three']);
    await first.stop();
    expect(await subjectsIn(client, box)).toEqual(['two [ignore]']);
    expect(await subjectsIn(client, processed)).toEqual(['one', 'three']);
    expect(checkpoints.map.get(`imap://crieur@127.0.0.1:${dc.port}/${box}`)).toMatchObject({ lastUid: 3 });

    await client.append(box, mail('four, while stopped'));
    const rec2 = new Recorder();
    const second = watcher(dc.url(box), { checkpoints, processedFolder: processed });
    await second.start(rec2.handle);
    expect(rec2.subjects()).toEqual(['four, while stopped']);
    expect(rec2.got[0]!.locator.uid).toBe(4);
  });

  it('reconnects after Dovecot restarts and catches up with mail appended meanwhile', async () => {
    const { box, processed } = await freshBox();
    const rec = new Recorder();
    const logger = memoryLogger();
    const inbox = watcher(dc.url(box), { processedFolder: processed, logger });
    await inbox.start(rec.handle);
    await client.append(box, mail('before the restart'));
    await waitUntil(() => rec.got.length === 1, 3_000, 'first delivery');

    await client.logout().catch(() => undefined);
    await dc.restart(async () => {
      // Server down: the watcher fails to reconnect (backoff) while mail lands straight in the Maildir.
      await delay(800);
      writeFileSync(join(dc.maildir, `.${box}`, 'new', `${Date.now()}.M1P1.test`), mail('while the server was down'));
    });
    client = await imapClient(dc);
    await client.append(box, mail('while the watcher was away'));
    const took = await waitUntil(() => rec.got.length === 3, 10_000, 'catch-up after reconnect');
    console.log(`imap: caught up ${took} ms after Dovecot came back`);
    // Which of the two gets the lower UID is Dovecot's choice; delivery follows UID order either way.
    expect(rec.subjects()[0]).toBe('before the restart');
    expect(rec.subjects().slice(1).sort()).toEqual(['while the server was down', 'while the watcher was away']);
    const uids = rec.got.map((m) => m.locator.uid!);
    expect(uids).toEqual([...uids].sort((x, y) => x - y));
    expect(logger.lines.some((l) => l.msg === 'inbox session failed (connection lost or handler error): retrying')).toBe(true);
    await waitUntil(() => inbox.state === 'active', 2_000, 'active again');

    await client.append(box, mail('after the reconnect'));
    await waitUntil(() => rec.got.length === 4, 3_000, 'push after reconnect');
  });

  it('lets only one of two watchers deliver, and the other takes over when the first stops', async () => {
    const { box, processed } = await freshBox();
    const checkpoints = new MemoryCheckpoints(); // shared, as the database would be
    const lock = { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 3_000, retryMs: 200 };
    const [recA, recB] = [new Recorder(), new Recorder()];
    const a = watcher(dc.url(box), { checkpoints, processedFolder: processed, lock });
    const b = watcher(dc.url(box), { checkpoints, processedFolder: processed, lock });
    await a.start(recA.handle);
    await b.start(recB.handle);
    expect([a.state, b.state]).toEqual(['active', 'standby']);
    const key = `${redisCtx.prefix}:lock:inbox:imap://crieur@127.0.0.1:${dc.port}/${box}`;
    expect(await redisCtx.redis.pttl(key)).toBeGreaterThan(0);

    for (const s of ['m1', 'm2']) await client.append(box, mail(s));
    await waitUntil(() => recA.got.length === 2, 3_000, 'A delivers');
    await delay(500);
    expect(recB.got).toHaveLength(0);

    await a.stop();
    await client.append(box, mail('m3'));
    const took = await waitUntil(() => recB.got.length === 1, 5_000, 'B takes over');
    console.log(`imap: takeover after a clean stop in ${took} ms`);
    expect(recB.subjects()).toEqual(['m3']);
    await waitUntil(() => b.state === 'active', 2_000, 'B active');
  });

  it('takes over from a holder that died without releasing, once its lock expires', async () => {
    const { box, processed } = await freshBox();
    const key = `${redisCtx.prefix}:lock:inbox:imap://crieur@127.0.0.1:${dc.port}/${box}`;
    await redisCtx.redis.set(key, 'a-dead-process', 'PX', 1_500);
    await client.append(box, mail('waiting'));
    const rec = new Recorder();
    const inbox = watcher(dc.url(box), { processedFolder: processed, lock: { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 3_000, retryMs: 200 } });
    await inbox.start(rec.handle);
    expect(inbox.state).toBe('standby');
    await delay(500);
    expect(rec.got).toHaveLength(0);
    await waitUntil(() => rec.got.length === 1, 5_000, 'takeover after expiry');
    expect(await redisCtx.redis.get(key)).not.toBe('a-dead-process');
    await inbox.stop();
    expect(await redisCtx.redis.exists(key)).toBe(0); // released on stop
  });

  it('steps down when its lock is taken away, and stops delivering', async () => {
    const { box, processed } = await freshBox();
    const logger = memoryLogger();
    const lock = { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 600, retryMs: 100 };
    const rec = new Recorder();
    const inbox = watcher(dc.url(box), { processedFolder: processed, lock, logger });
    await inbox.start(rec.handle);
    const key = `${redisCtx.prefix}:lock:inbox:imap://crieur@127.0.0.1:${dc.port}/${box}`;
    await redisCtx.redis.set(key, 'usurper', 'PX', 60_000);
    await waitUntil(() => inbox.state === 'standby', 3_000, 'step down');
    await client.append(box, mail('not for the stepped-down watcher'));
    await delay(1_000);
    expect(rec.got).toHaveLength(0);
    expect(logger.lines.some((l) => l.msg === 'inbox lock lost: stepping down')).toBe(true);
    await redisCtx.redis.del(key);
    await waitUntil(() => rec.got.length === 1, 3_000, 'resume after the usurper left');
  });

  it('rescans from UID 1 when UIDVALIDITY changes (mailbox recreated)', async () => {
    const { box, processed } = await freshBox();
    const checkpoints = new MemoryCheckpoints();
    const logger = memoryLogger();
    await client.append(box, mail('old'));
    const rec1 = new Recorder();
    const first = watcher(dc.url(box), { checkpoints, processedFolder: processed });
    await first.start(rec1.handle);
    await first.stop();
    const before = [...checkpoints.map.values()][0]!;
    expect(before.lastUid).toBe(1);

    await client.mailboxDelete(box);
    await delay(1_100); // Dovecot derives UIDVALIDITY from the clock: make sure it moves
    await client.mailboxCreate(box);
    for (const s of ['new 1', 'new 2']) await client.append(box, mail(s));

    const rec2 = new Recorder();
    const second = watcher(dc.url(box), { checkpoints, processedFolder: processed, logger });
    await second.start(rec2.handle);
    expect(rec2.subjects()).toEqual(['new 1', 'new 2']);
    expect(rec2.got.map((m) => m.locator.uid)).toEqual([1, 2]);
    const after = [...checkpoints.map.values()][0]!;
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.lastUid).toBe(2);
    expect(logger.lines.some((l) => l.msg === 'UIDVALIDITY changed: rescanning the mailbox')).toBe(true);
  });

  it('survives its mailbox being deleted and recreated while it watches, rescanning the new one', async () => {
    const { box, processed } = await freshBox();
    const logger = memoryLogger();
    const rec = new Recorder();
    const inbox = watcher(dc.url(box), { processedFolder: processed, logger });
    await inbox.start(rec.handle);
    await client.append(box, mail('before [ignore]'));
    await waitUntil(() => rec.got.length === 1, 3_000, 'first delivery');

    await client.mailboxDelete(box);
    await delay(1_100); // a new UIDVALIDITY (Dovecot derives it from the clock)
    await client.mailboxCreate(box);
    await client.append(box, mail('after recreate'));
    await waitUntil(() => rec.got.length === 2, 10_000, 'delivery from the recreated mailbox');
    expect(rec.subjects()).toEqual(['before [ignore]', 'after recreate']);
    expect(rec.got[1]!.locator.uid).toBe(1);
    expect(rec.got[1]!.locator.uidValidity).not.toBe(rec.got[0]!.locator.uidValidity);
  });

  it('rejects start() with a coded error on bad credentials or a missing mailbox (the configuration must fix them)', async () => {
    await expect(watcher(dc.url('NoSuchBox')).start(new Recorder().handle)).rejects.toMatchObject({
      code: 'EINBOX_MAILBOX',
      message: expect.stringMatching(/mailbox NoSuchBox cannot be opened .*inbox\.url/) as unknown,
    });
    // A Dovecot of its own: a refused login makes Dovecot slow down every later login from 127.0.0.1.
    const other = await startDovecot();
    try {
      const badPass = other.url('INBOX').replace(`:${other.pass}@`, ':wrong@');
      await expect(watcher(badPass).start(new Recorder().handle)).rejects.toMatchObject({
        code: 'EINBOX_AUTH',
        message: expect.stringMatching(new RegExp(`^IMAP login refused for ${other.user} at 127\\.0\\.0\\.1:${other.port}.*inbox\\.url`)) as unknown,
      });
    } finally {
      await other.stop();
    }
  });

  it('leaves a message a human flagged \\Deleted in the mailbox, undelivered, and takes the others', async () => {
    const { box, processed } = await freshBox();
    await client.append(box, mail('thrown away'), ['\\Deleted']);
    await client.append(box, mail('kept'));
    const rec = new Recorder();
    const inbox = watcher(dc.url(box), { processedFolder: processed });
    await inbox.start(rec.handle);
    await client.append(box, mail('later'));
    await waitUntil(() => rec.got.length === 2, 3_000, 'the later message');
    await delay(300);
    expect(rec.subjects()).toEqual(['kept', 'later']);
    expect(await subjectsIn(client, box)).toEqual(['thrown away']);
  });

  it('checks the login and the mailbox before standing by: a standby with a wrong password or folder rejects start() too', async () => {
    // Another process holds the mailbox: without the check, these standbys started, and failed only at takeover.
    const lockFor = async (d: Dovecot, box: string) => {
      await redisCtx.redis.set(`${redisCtx.prefix}:lock:inbox:imap://crieur@127.0.0.1:${d.port}/${box}`, 'another-process', 'PX', 30_000);
      return { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 3_000, retryMs: 200 };
    };
    await expect(watcher(dc.url('NoSuchBox'), { lock: await lockFor(dc, 'NoSuchBox') }).start(new Recorder().handle)).rejects.toMatchObject({
      code: 'EINBOX_MAILBOX',
      message: expect.stringMatching(/mailbox NoSuchBox cannot be opened .*inbox\.url/) as unknown,
    });
    const { box } = await freshBox();
    const good = watcher(dc.url(box), { lock: await lockFor(dc, box) });
    await good.start(new Recorder().handle);
    expect(good.state).toBe('standby');
    // A server unreachable now may answer by the takeover: standing by, with a warning.
    const logger = memoryLogger();
    const away = watcher('imap://crieur:pw@127.0.0.1:1/INBOX', { logger, lock: { redis: redisCtx.redis, prefix: redisCtx.prefix, ttlMs: 3_000, retryMs: 200 } });
    await redisCtx.redis.set(`${redisCtx.prefix}:lock:inbox:imap://crieur@127.0.0.1:1/INBOX`, 'another-process', 'PX', 30_000);
    await away.start(new Recorder().handle);
    expect(away.state).toBe('standby');
    expect(logger.lines.some((l) => l.level === 'warn' && l.msg?.startsWith('inbox not reachable from this process'))).toBe(true);
    const other = await startDovecot();
    try {
      const badPass = other.url('INBOX').replace(`:${other.pass}@`, ':wrong@');
      await expect(watcher(badPass, { lock: await lockFor(other, 'INBOX') }).start(new Recorder().handle)).rejects.toMatchObject({
        code: 'EINBOX_AUTH',
        message: expect.stringMatching(/^IMAP login refused for crieur at 127\.0\.0\.1:\d+.*inbox\.url/) as unknown,
      });
    } finally {
      await other.stop();
    }
  });

  it('resolves start() and retries with backoff while the server is unreachable, then catches up once it answers', async () => {
    // issue 11: a service started at boot before its mail server must not die of it.
    const own = await startDovecot();
    const first = await imapClient(own);
    await first.mailboxOpen('INBOX'); // Dovecot creates the Maildir (new/, cur/) on first use
    await first.logout();
    const rec = new Recorder();
    const logger = memoryLogger();
    const failures = () => logger.lines.filter((l) => l.msg === 'inbox session failed (connection lost or handler error): retrying');
    try {
      await own.restart(async () => {
        const inbox = watcher(own.url('INBOX'), { logger });
        await inbox.start(rec.handle);
        expect(inbox.state).toBe('connecting');
        await waitUntil(() => failures().length >= 2, 10_000, 'two attempts, each logged');
        expect(failures()[0]!.obj).toMatchObject({ err: expect.stringMatching(/^EINBOX_CONNECT: IMAP server unreachable at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/) as unknown });
        writeFileSync(join(own.maildir, 'new', `${Date.now()}.M1P1.test`), mail('waiting while the server was down'));
      });
      await waitUntil(() => rec.got.length === 1, 15_000, 'the waiting message, once the server answers');
      expect(rec.subjects()).toEqual(['waiting while the server was down']);
    } finally {
      await Promise.all(running.splice(0).map((i) => i.stop()));
      await own.stop();
    }
  });

  it('openInbox picks the adapter by scheme and refuses others', () => {
    const deps = { checkpoints: new MemoryCheckpoints(), logger: memoryLogger() };
    expect(openInbox(dc.url(), deps)).toBeInstanceOf(ImapInbox);
    expect(() => openInbox('pop3://x@y/INBOX', deps)).toThrow(/unsupported scheme pop3/);
  });
});
