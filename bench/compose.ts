/**
 * bench/compose — a fixed amount of the worker's work after a proposal is understood: for each proposal of the corpus,
 * its acknowledgement(s) and the organizers' notice composed by the Composer (template data, rendering from the
 * compiled templates, reply tokens, headers, the raw MIME bytes of build-raw.ts), `--rounds` times. No network, no
 * database, nothing timed: made for an instruction counter (issue 12), and for a CPU or heap profile.
 *
 * The proposals are read once from the corpus (decode + understand, the slow part under --jitless) and saved:
 *
 *   npx tsx bench/compose.ts --save /tmp/proposals.json [DIR…]     (default DIRs: ../shared/corpus, tests/fixtures)
 *
 * then composed from that file, bundled, under callgrind (as bench/understand.ts):
 *
 *   npx esbuild bench/compose.ts --bundle --platform=node --format=esm --packages=external --alias:mjml=./bench/compose-mjml.ts \
 *     --outfile=/tmp/cmp/a/b/c/compose.mjs      (3 levels under a directory holding node_modules and templates, symlinked:
 *                                                 templates.ts finds the templates at ../../../templates/ of the bundle)
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out node --predictable /tmp/cmp/a/b/c/compose.mjs --load /tmp/proposals.json --rounds 6
 *
 * Under the JIT, as the worker runs: one round's instructions are (total(--rounds 6) − total(--rounds 2)) / 4, divided
 * by the mails a round makes (printed) — the first rounds pay the start, the templates' first render and the JIT's
 * tiering up. Valgrind takes ≈ 2 min a run; two runs of one build at --rounds 4 differed by 0.2 % (≈ 1 % of a round).
 * With --jitless (total(--rounds 2) − total(--rounds 1); --predictable makes runs agree) the interpreter weighs
 * JavaScript's own loops far more than the JIT does — ≈ 28 M instructions a mail at c818704 against 4.0 M, the
 * quoted-printable byte loops most of it —: a figure to read beside the JIT's, not instead. mjml cannot load under --jitless (its juice loads undici, which needs WebAssembly): bundled,
 * bench/compose-mjml.ts stands in for it and hands back the HTML the real mjml compiled at --save, saved in the same file.
 *
 * `--out FILE` writes every mail's bytes of the last round (each preceded by its length, 4 bytes big-endian): with the
 * fixed clock and ids (below, always on) two builds that compose alike write the same file — the check that a change
 * kept the bytes. The clock is fixed (2026-12-01) and crypto.randomUUID — the Message-ID nonce and the MIME boundary —
 * counts up instead of drawing (syncBuiltinESMExports: the modules' named imports see it too).
 *
 * It prints the median CPU time a mail of the rounds after the first: a hint only on the shared machine (alternate
 * two builds' runs). `node --cpu-prof` on the bundle with --rounds 60 gives a profile; --trace-gc with a fixed young
 * generation (--min-semi-space-size=1 --max-semi-space-size=1) counts scavenges, a measure of what a round allocates;
 * the inspector's HeapProfiler.startSampling with includeObjectsCollectedByMinorGC/MajorGC says by whom (--heap-prof
 * keeps only what is still alive at the end).
 */
import crypto from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve } from 'node:path';
import mjml2html from 'mjml';
import { createComposer } from '../src/adapters/compose/composer.ts';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import { parseRawMessage } from '../src/app/parse-message.ts';
import type { ProposalRecord } from '../src/app/proposal-store.ts';
import type { ThreadInfo } from '../src/app/composer.ts';
import { DEFAULT_TEMPLATES_DIR, loadMessageSources } from '../src/adapters/render/templates.ts';
import { configSchema } from '../src/config/schema.ts';
import type { Address, ParseContext, ProposalDraft, Speaker } from '../src/types.ts';

const args = process.argv.slice(2);
const value = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
const rounds = Number(value('--rounds') ?? 1);
const dirs = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));

/** What a proposal's mails need, as saved: the draft, the thread it answers, who sent it. */
interface Saved {
  draft: ProposalDraft;
  thread: ThreadInfo;
  from: Address | null;
}

let ids = 0;
// A counting randomUUID: the same Message-IDs and boundaries in every run.
crypto.randomUUID = () => `00000000-0000-4000-8000-${(ids++).toString(16).padStart(12, '0')}` as ReturnType<typeof crypto.randomUUID>;
syncBuiltinESMExports();

const now = new Date('2026-12-01T00:00:00Z');
const config = configSchema.parse({
  group: { name: 'PostgreSQL User Group Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  secret: 'bench-secret-0123456789abcdef',
  smtp: { url: 'smtp://127.0.0.1:1' },
});

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? files(p) : /\.eml$/.test(n) ? [p] : [];
  });
}

async function proposalsOf(roots: string[]): Promise<Saved[]> {
  const ctx: ParseContext = { ownAddresses: [config.addresses.proposals], organizers: config.organizers, secret: 'bench-secret-0123456789', now: () => now };
  const out: Saved[] = [];
  for (const f of roots.flatMap(files).sort()) {
    const r = await parseRawMessage(readFileSync(f), ctx, mailparserReader);
    if (!r.ok || r.result.kind !== 'proposal') continue;
    const { mail, result } = r;
    const draft = result.proposal;
    if (!draft) continue;
    out.push({ draft, thread: { messageId: mail.messageId, references: mail.references, subject: mail.subject, language: result.language ?? null }, from: mail.from });
  }
  return out;
}

/** Each template's MJML source and mjml's HTML for it, as mjml.ts compiles it (for the --jitless stand-in). */
async function compiledTemplates(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const name of ['ack', 'notify-organizer']) {
    for (const locale of ['fr', 'en'] as const) {
      const src = await loadMessageSources(DEFAULT_TEMPLATES_DIR, name, locale);
      out.push([src.mjml, (await mjml2html(src.mjml, { validationLevel: 'soft', keepComments: false })).html]);
    }
  }
  return out;
}

const save = value('--save');
const load = value('--load');
let saved: { proposals: Saved[]; mjml: [string, string][] };
if (load) saved = JSON.parse(readFileSync(load, 'utf8')) as typeof saved;
else saved = { proposals: await proposalsOf(dirs.length > 0 ? dirs : [resolve('../shared/corpus'), resolve('tests/fixtures')]), mjml: await compiledTemplates() };
if (save) {
  writeFileSync(save, JSON.stringify(saved));
  console.log(`${saved.proposals.length} proposals saved to ${save}`);
  process.exit(0);
}
// bundled with compose-mjml.ts for mjml (--jitless): it answers with the HTML compiled at --save
if ('setCompiled' in mjml2html) (mjml2html as unknown as { setCompiled(e: [string, string][]): void }).setCompiled(saved.mjml);

const proposals = saved.proposals.map((s, i): { p: ProposalRecord; thread: ThreadInfo; to: (Speaker & { email: string })[] } => {
  const p: ProposalRecord = { ...s.draft, id: i + 1, ref: `P-${String(i + 1).padStart(4, '0')}`, status: 'received', receivedAt: new Date(now.getTime() - i * 60_000), messageId: i + 1, event: null };
  // file-proposal.ts's ackRecipients: every speaker with an address, else the sender.
  const seen = new Set<string>();
  const to: (Speaker & { email: string })[] = [];
  for (const sp of p.speakers) {
    if (!sp.email || seen.has(sp.email.toLowerCase())) continue;
    seen.add(sp.email.toLowerCase());
    to.push({ name: sp.name, email: sp.email });
  }
  if (to.length === 0 && s.from) to.push({ name: s.from.name, email: s.from.email });
  return { p, thread: s.thread, to };
});

const composer = createComposer(config, { clock: { now: () => now } });
let mails: Buffer[] = [];
let bytes = 0;
const cpu: number[] = [];
for (let r = 0; r < rounds; r++) {
  ids = 0;
  mails = [];
  const t = process.cpuUsage();
  for (const { p, thread, to } of proposals) {
    for (const speaker of to) mails.push((await composer.ack(p, speaker, thread)).raw);
    for (const organizer of config.organizers) mails.push((await composer.organizerNotice(p, organizer)).raw);
  }
  const d = process.cpuUsage(t);
  cpu.push(d.user + d.system);
  bytes = mails.reduce((s, m) => s + m.length, 0);
}
const out = value('--out');
if (out) {
  writeFileSync(
    out,
    Buffer.concat(
      mails.flatMap((m) => {
        const n = Buffer.alloc(4);
        n.writeUInt32BE(m.length);
        return [n, m];
      }),
    ),
  );
}
// CPU time only as a hint (the machine is shared): the median round after the first, in µs a mail
const later = cpu.slice(1).sort((a, b) => a - b);
const median = later.length > 0 ? `, median later round ${(later[later.length >> 1]! / mails.length).toFixed(1)} µs CPU a mail` : '';
console.log(`${proposals.length} proposals, ${rounds} rounds, ${mails.length} mails a round, ${(bytes / mails.length / 1024).toFixed(1)} KB a mail${median}`);
