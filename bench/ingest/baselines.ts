/**
 * The bare building blocks, measured in the same run on the same machine: what crieur's end-to-end rate
 * should be read against. Each is the library alone, doing the least the pipeline asks of it.
 */
import { simpleParser } from 'mailparser';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import { startSmtpSink } from '../../src/adapters/smtp/sink.ts';
import { REDIS_URL } from './services.ts';

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** mailparser simpleParser, default options, one message after another (as bench/parse does). */
export async function bareParse(raws: Buffer[]): Promise<number> {
  for (const r of raws.slice(0, 200)) await simpleParser(r); // warm-up
  const t0 = process.hrtime.bigint();
  for (const r of raws) await simpleParser(r);
  return raws.length / seconds(t0);
}

/** BullMQ: addBulk of n trivial jobs, then a worker (concurrency 10) that does nothing with them. */
export async function bareBullmq(prefix: string, n: number): Promise<{ add: number; process: number }> {
  const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const wconn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('trivial', { connection: conn, prefix });
  try {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1000) {
      await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 't', data: { id: i + k + 1 }, opts: { removeOnComplete: true } })));
    }
    const add = n / seconds(t0);
    let done = 0;
    const t1 = process.hrtime.bigint();
    const all = new Promise<void>((resolve) => {
      const worker = new Worker('trivial', async () => undefined, { connection: wconn, prefix, concurrency: 10 });
      worker.on('completed', () => {
        if (++done === n) resolve(worker.close());
      });
    });
    await all;
    return { add, process: n / seconds(t1) };
  } finally {
    await queue.close();
    conn.disconnect();
    wconn.disconnect();
  }
}

/** nodemailer pool (as many connections as crieur's sender had) → a fresh smtp-server sink, prebuilt raw messages. */
export async function bareSend(raws: Buffer[], pool: number): Promise<number> {
  const sink = await startSmtpSink();
  const transport = nodemailer.createTransport({ pool: true, url: sink.url, maxConnections: pool });
  try {
    const envelope = { from: 'bounces@pgug.example.org', to: ['someone@example.org'] };
    await transport.sendMail({ envelope, raw: raws[0]! }); // connect once before the clock starts
    const t0 = process.hrtime.bigint();
    let next = 0;
    // As many in flight as crieur's deliver worker runs at once.
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < raws.length) await transport.sendMail({ envelope, raw: raws[next++]! });
      }),
    );
    return raws.length / seconds(t0);
  } finally {
    transport.close();
    await sink.close();
  }
}
