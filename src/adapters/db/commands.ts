/**
 * The command log, decisions under a row lock, and held speaker mails (migration 005): the CommandStore of
 * src/app/command-store.ts over a Db. Columns named in every SELECT (statements are prepared, see proposals.ts).
 */
import type { CommandStore, DecideResult, LogEntry, StatusSetter } from '../../app/command-store.ts';
import type { ProposalStatus } from '../../app/proposal-store.ts';
import { dropsHeldMail, ON_PROGRAMME } from '../../core/decision/transitions.ts';
import { leaveProgramme } from './events.ts';
import { proposalOn } from './proposals.ts';
import { DbError, jsonParam, type Db, type Queryable } from './db.ts';

interface LogRow {
  message_id: number;
  sender: string | null;
  role: LogEntry['role'];
  token_ref: string | null;
  outcome: LogEntry['outcome'];
  reason: string | null;
  at: Date;
}
const LOG_COLUMNS = 'message_id, sender, role, token_ref, outcome, reason, at';
const toEntry = (r: LogRow): LogEntry => ({
  messageId: r.message_id,
  sender: r.sender,
  role: r.role,
  tokenRef: r.token_ref,
  outcome: r.outcome,
  reason: r.reason,
  at: new Date(r.at),
});

async function setterOf(q: Queryable, proposalId: number, status: ProposalStatus): Promise<StatusSetter> {
  const rows = await q.query<{ actor: string; at: Date }>(
    `SELECT h.actor, h.at FROM proposal_history h WHERE h.proposal_id = $1 AND h.action LIKE 'status:%' ORDER BY h.id DESC LIMIT 1`,
    [proposalId],
  );
  return { status, actor: rows[0]?.actor ?? null, at: rows[0] ? new Date(rows[0].at) : null };
}

export function commandStore(db: Db): CommandStore {
  return {
    async refuse(e) {
      const rows = await db.query<{ message_id: number }>(
        `INSERT INTO command_log (message_id, sender, token_ref, outcome, reason, detail) VALUES ($1, $2, $3, 'refused', $4, $5::text::jsonb)
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [e.messageId, e.sender, e.tokenRef, e.reason, jsonParam(e.detail ?? null)],
      );
      return { first: rows.length > 0 };
    },

    admit(e, cap) {
      return db.transaction(async (tx) => {
        // One sender's mails take turns: 200 arriving at once cannot all pass the cap, nor two copies the replay check.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('crieur-command:' || $1::text))`, [e.sender]);
        const prior = await tx.query<{ outcome: LogEntry['outcome'] }>('SELECT outcome FROM command_log WHERE message_id = $1', [e.messageId]);
        if (prior[0]) {
          const o = prior[0].outcome;
          return { outcome: o === 'flood' || o === 'replay' ? o : 'admitted', first: false };
        }
        const replay = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM command_log WHERE fingerprint = $1 AND outcome IN ('admitted', 'executed')`,
          [e.fingerprint],
        );
        const count = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM command_log WHERE sender = $1 AND at >= $2 AND outcome IN ('admitted', 'executed')`,
          [e.sender, cap.since],
        );
        const outcome = (replay[0]?.n ?? 0) > 0 ? 'replay' : (count[0]?.n ?? 0) >= cap.limit ? 'flood' : 'admitted';
        const reason = outcome === 'replay' ? 'the same command mail was acted on before' : outcome === 'flood' ? `more than ${cap.limit} command mails in an hour` : null;
        await tx.query(
          `INSERT INTO command_log (message_id, sender, role, token_ref, fingerprint, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [e.messageId, e.sender, e.role, e.tokenRef, outcome === 'admitted' ? e.fingerprint : null, outcome, reason],
        );
        return { outcome, first: true };
      });
    },

    async finish(messageId, detail) {
      await db.query(`UPDATE command_log SET outcome = 'executed', detail = $2::text::jsonb WHERE message_id = $1`, [messageId, jsonParam(detail)]);
    },

    async get(messageId) {
      const rows = await db.query<LogRow>(`SELECT ${LOG_COLUMNS} FROM command_log WHERE message_id = $1`, [messageId]);
      return rows[0] ? toEntry(rows[0]) : null;
    },

    async list(filter = {}) {
      const rows = await db.query<LogRow>(
        `SELECT ${LOG_COLUMNS} FROM command_log WHERE ($1::text IS NULL OR sender = $1) AND ($2::timestamptz IS NULL OR at >= $2) ORDER BY id`,
        [filter.sender ?? null, filter.since ?? null],
      );
      return rows.map(toEntry);
    },

    decide(input): Promise<DecideResult> {
      return db.transaction(async (tx) => {
        const locked = await tx.query<{ id: number; status: ProposalStatus }>('SELECT id, status FROM proposals WHERE ref = $1 FOR UPDATE', [input.ref]);
        const row = locked[0];
        if (!row) throw new DbError('EDB_NOT_FOUND', `no proposal ${input.ref}`);
        const read = async () => (await proposalOn(tx, input.ref))!;
        if (input.messageId !== null) {
          const done = await tx.query<{ from: ProposalStatus }>(
            `SELECT h.detail->>'from' AS "from" FROM proposal_history h
             WHERE h.proposal_id = $1 AND h.message_id = $2 AND h.action = $3 AND (h.detail->>'step')::int = $4 LIMIT 1`,
            [row.id, input.messageId, `status:${input.to}`, input.step],
          );
          if (done[0]) return { outcome: 'already', proposal: await read(), from: done[0].from };
        }
        const verdict = input.allowed(row.status);
        if (!verdict.ok) return { outcome: 'refused', proposal: await read(), current: await setterOf(tx, row.id, row.status) };
        await tx.query('UPDATE proposals SET status = $2, updated_at = now() WHERE id = $1', [row.id, input.to]);
        // Declined, waitlisted, re-accepted, withdrawn: off the programme with the status, never announced there
        if (!ON_PROGRAMME.includes(input.to)) await leaveProgramme(tx, input.ref);
        // decisions.hold: speaker mails still held for a decision now overruled (or a proposal withdrawn) are never
        // sent — the hold is there for a change of mind, and the speaker is told the final word only (listed in the history)
        const dropped =
          dropsHeldMail(input.to, verdict.overridden)
            ? await tx.query<{ subject_ref: string }>(
                'WITH d AS (DELETE FROM held_mail WHERE proposal_ref = $1 AND released_at IS NULL RETURNING id, subject_ref) SELECT subject_ref FROM d ORDER BY id',
                [input.ref],
              )
            : [];
        const keys = [...new Set(dropped.map((d) => d.subject_ref))];
        await tx.query(
          'INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id) VALUES ($1, $2, $3, $4::text::jsonb, $5)',
          [
            row.id,
            input.actor,
            `status:${input.to}`,
            jsonParam({ ...input.detail, from: row.status, to: input.to, step: input.step, override: verdict.overridden, ...(keys.length > 0 ? { dropped: keys } : {}) }),
            input.messageId,
          ],
        );
        return { outcome: 'applied', proposal: await read(), from: row.status };
      });
    },

    async setter(ref) {
      const rows = await db.query<{ id: number; status: ProposalStatus }>('SELECT id, status FROM proposals WHERE ref = $1', [ref]);
      return rows[0] ? setterOf(db, rows[0].id, rows[0].status) : null;
    },

    async hold(items) {
      if (items.length === 0) return;
      await db.transaction(async (tx) => {
        for (const i of items) {
          await tx.query(
            `INSERT INTO held_mail (purpose, subject_ref, recipient, raw, envelope_from, cause_message_id, proposal_ref)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING`,
            [i.purpose, i.subjectRef, i.recipient, i.raw, i.envelopeFrom, i.causeMessageId ?? null, i.proposalRef],
          );
        }
      });
    },

    release() {
      return db.transaction(async (tx) => {
        const held = await tx.query<{ id: number; purpose: string; subject_ref: string; recipient: string; raw: unknown; envelope_from: string; cause_message_id: number | null }>(
          `SELECT id, purpose, subject_ref, recipient, raw, envelope_from, cause_message_id FROM held_mail WHERE released_at IS NULL ORDER BY id FOR UPDATE`,
        );
        const ids: number[] = [];
        const keys: string[] = [];
        for (const h of held) {
          keys.push(h.subject_ref);
          // The outbox key is the held row's: a release that ran twice (or a mail queued meanwhile) sends it once.
          const ins = await tx.query<{ id: number }>(
            `INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, cause_message_id) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING id`,
            [h.purpose, h.subject_ref, h.recipient, h.raw, h.envelope_from, h.cause_message_id],
          );
          if (ins[0]) ids.push(ins[0].id);
          await tx.query('UPDATE held_mail SET released_at = now() WHERE id = $1', [h.id]);
        }
        return { ids, keys };
      });
    },

    async heldFor(ref) {
      const rows = await db.query<{ subject_ref: string }>('SELECT subject_ref FROM held_mail WHERE proposal_ref = $1 AND released_at IS NULL ORDER BY id', [ref]);
      return rows.map((r) => r.subject_ref);
    },
  };
}
