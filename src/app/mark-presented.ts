/**
 * A scheduled talk whose meetup has been held is presented: the state machine's last step (core/decision/transitions.ts,
 * `present`), which nothing took before — `proposals list --status presented` stayed empty and a speaker could still
 * « retirer » a talk given last month, taking it off a past programme. Run by the recovery sweep, on the database alone
 * (no mail: the speaker was there); the day after the meetup in the group's time zone, so that a talk is never
 * presented while its evening runs. Audited as any decision: a `status:presented` history entry by `crieur`, under the
 * row lock, so that a withdrawal the same second wins or loses cleanly.
 */
import { DateTime } from 'luxon';
import { transition } from '../core/decision/transitions.ts';
import type { AppDeps } from './deps.ts';

export async function markPresented(deps: Pick<AppDeps, 'store' | 'clock' | 'config' | 'log'>): Promise<string[]> {
  const now = deps.clock.now().getTime();
  const done: string[] = [];
  const past = new Map<number, boolean>();
  for (const p of await deps.store.proposals.list({ status: 'scheduled' })) {
    if (p.event === null) continue;
    const id = Number(p.event);
    if (!past.has(id)) {
      const ev = await deps.store.events.get(id);
      const over = ev ? DateTime.fromJSDate(ev.date, { zone: deps.config.group.timezone }).plus({ days: 1 }).startOf('day').toMillis() <= now : false;
      past.set(id, over);
    }
    if (!past.get(id)) continue;
    const r = await deps.store.commands.decide({
      ref: p.ref,
      to: 'presented',
      actor: 'crieur',
      messageId: null,
      step: 0,
      allowed: (current) => {
        const v = transition('present', current, 'operator', false);
        return v.ok ? { ok: true, overridden: false } : { ok: false };
      },
      detail: { via: 'present', event: id },
    });
    if (r.outcome === 'applied') done.push(p.ref);
  }
  if (done.length) deps.log.info({ proposals: done }, 'talks of past meetups marked presented');
  return done;
}
