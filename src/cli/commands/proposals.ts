/** `crieur proposals list [--status S] [--json]` and `crieur proposals show REF [--json]` (SPEC shapes). */
import type { Command } from 'commander';
import type { HistoryEntry, ProposalRecord, ProposalStatus } from '../../app/proposal-store.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { normalizeRef } from '../../core/ref.ts';
import { withStore } from '../with-store.ts';
import { proposalDetail, proposalLine } from '../format/proposal.ts';
import { registerDecide } from './decide.ts';
import { jsonText } from '../format/visible.ts';

const STATUSES: ProposalStatus[] = ['received', 'accepted', 'waitlisted', 'declined', 'confirmed', 'scheduled', 'presented', 'withdrawn'];

export function registerProposals(program: Command): void {
  const cmd = program.command('proposals').description('talk proposals filed so far');
  cmd
    .command('list')
    .description('list proposals, newest last')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .option('--json', 'JSON array')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { status?: string; json?: boolean; config?: string }) => {
      // « Accepted », « ACCEPTED » or « accepted  » typed at a shell all mean the one status: no reason to refuse them.
      const status = opts.status?.trim().toLowerCase();
      if (status !== undefined && !STATUSES.includes(status as ProposalStatus)) {
        throw new CliError(`unknown status "${opts.status}": expected one of ${STATUSES.join(', ')}`, EXIT.usage);
      }
      await withStore(opts.config, async (store) => {
        const list = await store.proposals.list(status ? { status: status as ProposalStatus } : {});
        if (opts.json) process.stdout.write(`${jsonText(list.map(summary))}\n`);
        else if (list.length === 0) process.stdout.write('no proposals\n');
        else for (const p of list) process.stdout.write(`${proposalLine(p)}\n`);
      });
    });
  cmd
    .command('show')
    .description('one proposal with its history')
    .argument('<ref>', 'proposal ref, e.g. P-0007')
    .option('--json', 'JSON object')
    .option('--config <file>', 'configuration file')
    .action(async (ref: string, opts: { json?: boolean; config?: string }) => {
      await withStore(opts.config, async (store) => {
        const p = await store.proposals.get(normalizeRef(ref));
        if (!p) throw new CliError(`no proposal ${ref} (see crieur proposals list)`, EXIT.dataErr);
        const history = await store.proposals.history(p.ref);
        if (opts.json) process.stdout.write(`${jsonText(detail(p, history))}\n`);
        else process.stdout.write(`${proposalDetail(p, history)}\n`);
      });
    });
  registerDecide(cmd);
}

function summary(p: ProposalRecord) {
  return {
    ref: p.ref,
    status: p.status,
    format: p.format,
    title: p.title,
    durationMinutes: p.durationMinutes,
    language: p.language,
    speakers: p.speakers,
    receivedAt: p.receivedAt.toISOString(),
    // The event's id as `events list --json` gives it (a number), so that the two join with ===; null when on none.
    event: p.event === null ? null : Number(p.event),
  };
}

function detail(p: ProposalRecord, history: HistoryEntry[]) {
  return {
    ...summary(p),
    abstract: p.abstract,
    attachments: p.attachments,
    // SPEC `history`: who, when, what, via which message (its Message-ID; `message` is crieur's own id for it).
    history: history.map((h) => ({
      who: h.actor,
      when: h.at.toISOString(),
      what: h.action,
      via: h.messageIdHeader ?? null,
      at: h.at.toISOString(),
      actor: h.actor,
      action: h.action,
      detail: h.detail,
      message: h.messageId,
    })),
  };
}
