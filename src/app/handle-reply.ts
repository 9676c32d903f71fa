/**
 * The command runner, first half: an answer to crieur's own mail is stored and threaded onto its proposal's
 * history. Applying organizers' verbs is the command issue's work; until then nothing is changed and nothing
 * is sent, which is the safe default for mail we do not act on.
 */
import type { AppDeps } from './deps.ts';

export async function handleReply(deps: Pick<AppDeps, 'store' | 'log'>, inboundId: number): Promise<void> {
  const { store } = deps;
  const inbound = await store.inbound.get(inboundId);
  const parsed = inbound?.parsed;
  if (!inbound || !parsed) {
    await store.inbound.setState(inboundId, 'failed', 'reply not classified: retry it (crieur failed retry)');
    return;
  }
  const ref = parsed.command?.proposal ?? null;
  const proposal = ref ? await store.proposals.get(ref) : null;
  if (proposal) {
    await store.proposals.note(
      proposal.ref,
      parsed.from?.email.toLowerCase() ?? 'unknown',
      parsed.kind === 'command' ? 'command-received' : 'reply-received',
      { verbs: parsed.command?.verbs ?? [], authenticated: parsed.command?.authenticated ?? false, subject: parsed.subject },
      inboundId,
    );
  }
  await store.inbound.setState(inboundId, 'done');
  deps.log.info({ inbound: inboundId, ref: proposal?.ref ?? null, kind: parsed.kind }, 'reply threaded');
}
