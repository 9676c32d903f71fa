/**
 * Real list traffic (the shared corpus's lists/ and mbox/, French lists among them) through the running pipeline
 * (ingest → classify → attach and thread) → each configured list's digest in its three formats. Checked from
 * outside crieur's own code: threads against the References graph, the RFC 1153 text split back by procmail's
 * `formail -ds`, the MIME digest parsed back by mailparser with every part byte-exact (line ends CRLF).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestMany } from '../../src/app/ingest-message.ts';
import { loadDigest } from '../../src/app/build-digest.ts';
import { rawsOf, sendListDigests } from '../../src/app/send-digests.ts';
import type { DigestSubscriber } from '../../src/app/digest-recipients.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import type { Period } from '../../src/core/digest/period.ts';
import type { DigestData } from '../../src/core/digest/build.ts';
import { corpusMessages, type CorpusMessage } from '../support/corpus.ts';
import { quiet, useLive, waitFor, waitSentTo } from '../support/pipeline.ts';

const LISTS = [
  { name: 'notmuch', address: 'notmuch@notmuchmail.org', language: 'en' },
  { name: 'cifs', address: 'linux-cifs@vger.kernel.org', language: 'en' },
  { name: 'lkml', address: 'linux-kernel@vger.kernel.org', language: 'en' },
  { name: 'sqlite-dev', address: 'sqlite-dev@sqlite.org', language: 'en' },
  { name: 'emacs', address: 'help-gnu-emacs@gnu.org', language: 'en' },
  { name: 'ecologeeks', address: 'ecologeeks@listes.eelv.fr', language: 'fr' },
  { name: 'frnog', address: 'frnog@frnog.org', language: 'fr' },
  // A list whose List-Id is not its address: the `listId` key.
  { name: 'wine', address: 'wine@example.org', listId: 'wine-announce.winehq.com', language: 'en' },
];

function corpusOrNull(): CorpusMessage[] | null {
  try {
    // sisimai's mbox files are bounces, not list traffic (and one carries a NUL that the classify step chokes on).
    return corpusMessages().filter((m) => m.entry.folder === 'lists' || (m.entry.folder === 'mbox' && !m.entry.path.includes('sisimai')));
  } catch (err) {
    console.warn(`corpus digest tests did NOT run: ${(err as Error).message}`);
    return null;
  }
}
const corpus = corpusOrNull();

/** The List-Id in the raw header block, read here without crieur's code: `<id>` of the unfolded header. */
function rawListId(raw: Buffer): string | null {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const m = /^list-id:.*<([^<>\s]+)>/im.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

describe.skipIf(corpus === null)('digests of real list traffic', () => {
  const live = useLive('pglite', { watch: false, overrides: { lists: LISTS, digests: { excerptChars: 300 } } });
  const out = mkdtempSync(join(tmpdir(), 'crieur-digest-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let period: Period;
  const digests = new Map<string, DigestData>();
  const attached = new Map<number, { list: string; thread: number; raw: Buffer }>();

  it('attaches every post of a configured list, and nothing else, and answers none of them', async () => {
    const from = new Date(Date.now() - 60_000);
    const deps = live.p.running.context.deps;
    const saved = await ingestMany(deps, corpus!.map((m) => ({ raw: m.raw, loc: { source: 'cli' as const } })));
    await waitFor(() => quiet(live.p), 'the corpus to be classified', 120_000, 200).catch(async (err: unknown) => {
      const rows = await live.p.db.query(`SELECT kind, state, count(*)::int AS n, min(error) AS error FROM inbound_messages GROUP BY 1, 2
        UNION ALL SELECT 'outbox ' || purpose, status, count(*)::int, min(last_error) FROM outbox GROUP BY 1, 2`);
      throw new Error(`${(err as Error).message}: ${JSON.stringify(rows)}`);
    });
    period = { cadence: 'since', from, to: new Date(Date.now() + 60_000), key: 'since-test' };
    const rows = await live.p.db.query<{ inbound_id: number; list_name: string; thread_id: number }>('SELECT inbound_id, list_name, thread_id FROM list_posts');
    for (const r of rows) attached.set(r.inbound_id, { list: r.list_name, thread: r.thread_id, raw: (await live.p.store.inbound.getRaw(r.inbound_id))! });
    const ids = new Set(LISTS.map((l) => l.listId ?? l.address.replace('@', '.')));
    // The same Message-ID twice on one list (the corpus has two copies of one Ecologeeks post) is one post,
    // whichever copy was classified first: compared by (list, Message-ID).
    const expected = new Set<string>();
    for (const [i, m] of corpus!.entries()) {
      const s = saved[i]!;
      const inbound = await live.p.store.inbound.get(s.id);
      const id = rawListId(m.raw);
      if (!s.inserted || inbound?.kind !== 'list-post' || !id || !ids.has(id)) continue;
      expected.add(`${id} ${inbound.messageId ?? s.id}`);
    }
    expect(expected.size).toBeGreaterThan(20);
    const got = await live.p.db.query<{ list_name: string; message_id: string | null; inbound_id: number }>('SELECT list_name, message_id, inbound_id FROM list_posts');
    const idOf = (name: string) => { const l = LISTS.find((x) => x.name === name)!; return l.listId ?? l.address.replace('@', '.'); };
    expect(new Set(got.map((r) => `${idOf(r.list_name)} ${r.message_id ?? r.inbound_id}`))).toEqual(expected);
    expect(got.length).toBe(expected.size);
    const answered = await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox o JOIN list_posts p ON p.inbound_id = o.cause_message_id');
    expect(answered[0]!.n).toBe(0);
  }, 180_000);

  it('threads the posts as their References say (connected by references → one thread)', async () => {
    // Union-find over Message-IDs and References, computed from the parsed headers alone.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      while (parent.get(x) !== undefined && parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    const union = (a: string, b: string) => parent.set(find(a), find(b));
    const nodes = new Map<number, string>();
    for (const [id, a] of attached) {
      const mail = await readMail(a.raw);
      const me = `${a.list} ${mail.messageId ?? `#${id}`}`;
      if (!parent.has(me)) parent.set(me, me);
      for (const r of [...mail.references, ...(mail.inReplyTo ? [mail.inReplyTo] : [])]) {
        const k = `${a.list} ${r}`;
        if (!parent.has(k)) parent.set(k, k);
        union(me, k);
      }
      nodes.set(id, me);
    }
    const threadOfGroup = new Map<string, number>();
    let checked = 0;
    for (const [id, a] of attached) {
      const g = find(nodes.get(id)!);
      const t = threadOfGroup.get(g);
      if (t === undefined) threadOfGroup.set(g, a.thread);
      else {
        expect(a.thread, `post ${id} of list ${a.list}`).toBe(t);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
    // Known from the corpus: the two notmuch replies about Maildir storage share a thread; the cifs reviews too.
    const byMsg = async (mid: string) => (await live.p.db.query<{ thread_id: number }>('SELECT thread_id FROM list_posts WHERE message_id = $1', [mid]))[0]?.thread_id;
    expect(await byMsg('<87iqd9rn3l.fsf@vertex.dottedmag>')).toBe(await byMsg('<20091118005040.GA25380@dottiness.seas.harvard.edu>'));
  });

  it('builds each list digest with its counts', async () => {
    const deps = live.p.running.context.deps;
    for (const list of LISTS) {
      const d = await loadDigest(deps, list, period);
      const mine = [...attached.values()].filter((a) => a.list === list.name);
      if (mine.length === 0) {
        expect(d).toBeNull();
        continue;
      }
      expect(d!.counts.messages).toBe(mine.length);
      expect(d!.counts.threads).toBe(new Set(mine.map((m) => m.thread)).size);
      expect(d!.counts.posters).toBeGreaterThan(0);
      digests.set(list.name, d!);
    }
    expect(digests.size).toBeGreaterThanOrEqual(6);
    // An empty period has no digest.
    expect(await loadDigest(deps, LISTS[0]!, { ...period, from: new Date(0), to: new Date(1000) })).toBeNull();
  });

  it('renders HTML (escaped, on the shared layout), French for the French lists', async () => {
    const composer = createDigestComposer(live.p.config);
    for (const [name, d] of digests) {
      const lang = LISTS.find((l) => l.name === name)!.language as 'fr' | 'en';
      const r = await composer.render(d, lang);
      expect(r.html).toMatch(/<html/);
      expect(r.html.match(/class="abstract"/g)?.length).toBe(d.counts.messages);
      expect(r.html).not.toMatch(/<script/i);
      if (lang === 'fr') {
        expect(r.subject).toMatch(/Résumé/);
        expect(r.html).toMatch(/Liste/);
        // a period of minutes: one day's topics, two days' when it spans midnight in Paris
        expect(r.text).toMatch(/Thèmes (?:du jour|de la période)/);
      }
      writeFileSync(join(out, `${name}.html`), r.html);
    }
  });

  it('writes an RFC 1153 digest that formail -ds splits back into the original number of messages', async () => {
    const composer = createDigestComposer(live.p.config);
    for (const [name, d] of digests) {
      const r = await composer.render(d, 'en');
      const mail = await composer.compose(d, r, 'text', { name: null, email: 'member@example.org' }, new Map());
      // The text mail is the RFC 1153 document, transfer-encoded; a reader decodes it before bursting.
      const decoded = await simpleParser(mail.raw);
      expect(decoded.text?.replace(/\r\n/g, '\n').trim()).toBe(r.text.trim());
      expect(decoded.html).toBeFalsy();
      const file = join(out, `${name}.txt`);
      writeFileSync(file, r.text);
      // formail -ds: split a digest; each message is handed to `echo` on stdin, which prints one line per message.
      const split = execFileSync('sh', ['-c', `formail -ds sh -c 'cat >/dev/null; echo MESSAGE' < "${file}"`], { encoding: 'utf8' });
      const messages = split.split('\n').filter((l) => l === 'MESSAGE').length;
      // The digest's own preamble (headers and table of contents) comes out first as a message of its own.
      expect(messages - 1, `${name}: ${d.counts.messages} posts`).toBe(d.counts.messages);
    }
  });

  it('writes a MIME digest that mailparser opens with every post as an intact message/rfc822 part, byte-exact but for CRLF line ends', async () => {
    const composer = createDigestComposer(live.p.config);
    const deps = live.p.running.context.deps;
    for (const [name, d] of digests) {
      const r = await composer.render(d, 'en');
      const raws = await rawsOf(deps, d);
      const mail = await composer.compose(d, r, 'mime', { name: 'Membre Éloïse', email: 'member@example.org' }, raws);
      writeFileSync(join(out, `${name}.mime.eml`), mail.raw);
      const parsed = await simpleParser(mail.raw);
      const parts = parsed.attachments.filter((a) => a.contentType === 'message/rfc822');
      expect(parts.length, name).toBe(d.counts.messages);
      // Each part is the stored post byte for byte, but for its line ends: CRLF, the canonical form (digest-mime.ts
      // crlfLines) — the corpus's files, as a Maildir's, end their lines in LF.
      parts.forEach((p, i) => {
        const original = raws.get(d.entries[i]!.inboundId)!.toString('latin1').replace(/\r\n|\r|\n/g, '\r\n');
        expect(p.content.toString('latin1'), `${name} part ${i + 1}`).toBe(original);
      });
      expect(parsed.text).toMatch(/Today's Topics/);
    }
  });

  it('sends each member the digest in their format through the outbox and SMTP, once', async () => {
    const members: DigestSubscriber[] = [
      { memberId: 101, email: 'html@example.fr', name: 'Hélène', language: 'fr', cadence: 'daily', format: 'html' },
      { memberId: 102, email: 'text@example.fr', name: null, language: null, cadence: 'daily', format: 'text' },
      { memberId: 103, email: 'mime@example.fr', name: null, language: 'en', cadence: 'daily', format: 'mime' },
    ];
    const deps = { ...live.p.running.context.deps, mailer: createDigestComposer(live.p.config), recipients: { forList: async (n: string) => (n === 'ecologeeks' ? members : []) } };
    const [report] = await sendListDigests(deps, { period, lists: ['ecologeeks'] });
    expect(report).toMatchObject({ queued: 3, already: 0 });
    // A second --since run over the same window: its posts were in the first digest (c217f05), nothing is queued again.
    const again = await sendListDigests(deps, { period, lists: ['ecologeeks'] });
    const d = digests.get('ecologeeks')!;
    expect(again[0]).toMatchObject({ queued: 0, already: 0, earlier: d.counts.messages });
    const [html] = await waitSentTo(live.sink, 'html@example.fr');
    expect(html!.mail.html).toContain('blog action day');
    expect(html!.mail.subject).toMatch(/^\[ecologeeks\] Résumé/);
    const [text] = await waitSentTo(live.sink, 'text@example.fr');
    expect(text!.mail.html).toBeNull();
    expect(text!.mail.text).toContain('-'.repeat(30));
    const [mime] = await waitSentTo(live.sink, 'mime@example.fr');
    const parsed = await simpleParser(mime!.raw);
    const parts = parsed.attachments.filter((a) => a.contentType === 'message/rfc822');
    expect(parts.length).toBe(d.counts.messages);
    const raws = await rawsOf(live.p.running.context.deps, d);
    // SMTP carries lines ending in CRLF: after the wire, each part is the stored post with its line ends as CRLF.
    parts.forEach((p, i) => expect(p.content.toString('latin1')).toBe(raws.get(d.entries[i]!.inboundId)!.toString('latin1').replace(/\r?\n/g, '\r\n')));
    await waitFor(() => quiet(live.p), 'the outbox to drain', 30_000);
    expect(live.sink.messages.filter((m) => m.envelope.to.some((t) => t.endsWith('@example.fr') && ['html', 'text', 'mime'].includes(t.split('@')[0]!))).length).toBe(3);
  }, 60_000);
});
