/**
 * Parse threads (src/adapters/parse-threads): the same answers as parsing in the process's own thread, for every corpus
 * message and fixture (a field lost or changed by the trip between threads — a Buffer, a Date, a prototype — fails it);
 * large messages stay in the process; a thread that stops fails only the parses it held, and the next one gets a new
 * thread; a thread that cannot start leaves the process parsing in its own thread, said once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createParseThreads, IN_PROCESS_ABOVE_BYTES, parseThreadCount, type ParseThreadPool } from '../../src/adapters/parse-threads/pool.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { parseContextFrom, parseRawMessage, type ParseOutcome } from '../../src/app/parse-message.ts';
import type { Logger } from '../../src/app/logger.ts';
import { corpusMessages } from '../support/corpus.ts';
import { groupConfig } from '../support/test-config.ts';

const config = groupConfig('parse-threads', { organizers: ['dim@example.org'] });
const ctx = parseContextFrom(config);

function recordingLog(): Logger & { warnings: string[] } {
  const log = { warnings: [] as string[], debug() {}, info() {}, error() {}, warn: (_o: object, msg: string) => void log.warnings.push(msg), child: () => log };
  return log;
}

let pool: ParseThreadPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function open(opts: { threads?: number; entry?: URL } = {}) {
  const log = recordingLog();
  let inProcess = 0;
  pool = createParseThreads({
    config,
    threads: opts.threads ?? 1,
    log,
    ...(opts.entry ? { entry: opts.entry } : {}),
    inProcess: (raw) => (inProcess++, parseRawMessage(raw, ctx, mailparserReader)),
  });
  return { pool, log, inProcessCalls: () => inProcess };
}

const fixtureDirs = ['proposals', 'not-proposals', 'parse', 'replies', 'membership'];
function allMessages(): { name: string; raw: Buffer }[] {
  const fixtures = fixtureDirs.flatMap((d) => {
    const dir = new URL(`../fixtures/${d}/`, import.meta.url).pathname;
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.eml'))
      .map((f) => ({ name: `${d}/${f}`, raw: readFileSync(join(dir, f)) }));
  });
  return [...corpusMessages().map((m) => ({ name: m.id, raw: m.raw })), ...fixtures];
}

/** A text/plain message of about `bytes` bytes (many short lines: its decoding builds strings on the heap). */
function bigText(bytes: number): Buffer {
  const line = 'Partitionnement déclaratif, index BRIN et autovacuum : retour d’expérience en production.\n';
  const head =
    'From: Jeanne Martin <jeanne@example.fr>\nTo: talks@pgug.example.org\nSubject: Proposition : un très long résumé\n' +
    'Message-ID: <big@example.fr>\nDate: Thu, 28 Nov 2013 19:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n';
  return Buffer.from(head + line.repeat(Math.ceil(bytes / Buffer.byteLength(line))));
}

/** mailparser dates an embedded message without a Date header "now": the two parses' clocks differ by a moment. */
function undated<T>(value: T): T {
  const now = Date.now();
  const walk = (v: unknown): unknown => {
    if (v instanceof Date) return Math.abs(v.getTime() - now) < 600_000 ? 'now' : v;
    if (Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    // Anything but a plain object stays as it is, its prototype compared.
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value) as T;
}

describe('parse threads', () => {
  it('answer as the process itself does, for every corpus message and fixture', async () => {
    const { pool, inProcessCalls } = open({ threads: 2 });
    const messages = allMessages();
    expect(messages.length).toBeGreaterThan(800);
    const differ: string[] = [];
    // Side by side, as a backlog's jobs ask: answers must come back to their own askers.
    for (let at = 0; at < messages.length; at += 32) {
      const batch = messages.slice(at, at + 32);
      const [threaded, here] = await Promise.all([
        Promise.all(batch.map((m) => pool.parse(m.raw))),
        Promise.all(batch.map((m) => parseRawMessage(m.raw, ctx, mailparserReader))),
      ]);
      batch.forEach((m, i) => {
        if (!isDeepStrictEqual(undated(threaded[i]), undated(here[i]))) differ.push(m.name);
      });
    }
    expect(differ).toEqual([]);
    // Only the corpus's messages over the size limit were parsed here.
    expect(inProcessCalls()).toBe(messages.filter((m) => m.raw.length > IN_PROCESS_ABOVE_BYTES).length);
    const one = (await pool.parse(messages[0]!.raw)) as Extract<ParseOutcome, { ok: true }>;
    for (const part of one.mail.parts) expect(Buffer.isBuffer(part.content)).toBe(true);
  });

  it('parse a message over the size limit in the process, not a thread', async () => {
    const { pool, inProcessCalls } = open();
    const outcome = await pool.parse(bigText(IN_PROCESS_ABOVE_BYTES + 1000));
    expect(outcome.ok && outcome.result.subject).toBe('Proposition : un très long résumé');
    expect(inProcessCalls()).toBe(1);
  });

  it('a thread that stops fails only the parses it held; the next parse gets a new thread', async () => {
    const { pool, log, inProcessCalls } = open({ entry: new URL('../support/threads/stops.js', import.meta.url) });
    const [raw] = allMessages().map((m) => m.raw);
    await expect(pool.parse(raw!)).rejects.toThrow(/parse thread stopped while decoding \(exit 3\)/);
    expect(log.warnings).toEqual(['parse thread stopped: its messages are retried']);
    // A new thread (this one stops too): the parse is failed, not left waiting, and not taken for a thread that cannot start.
    await expect(pool.parse(raw!)).rejects.toThrow(/parse thread stopped/);
    expect(inProcessCalls()).toBe(0);
  });

  it('a thread that cannot start leaves the process parsing itself, said once', async () => {
    const { pool, log, inProcessCalls } = open({ entry: new URL('../support/threads/cannot-load.js', import.meta.url) });
    const messages = allMessages().slice(0, 5);
    const outcomes = await Promise.all(messages.map((m) => pool.parse(m.raw)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const more = await pool.parse(messages[0]!.raw);
    expect(more.ok).toBe(true);
    expect(inProcessCalls()).toBe(6);
    expect(log.warnings).toEqual(['parse thread could not start: messages are parsed in the main thread']);
  });

  it('one thread per core beyond the first, two at most', () => {
    expect([1, 2, 3, 4, 16].map((c) => parseThreadCount(c))).toEqual([0, 1, 2, 2, 2]);
  });
});
