/**
 * `crieur announce` on an installation with no list configured and no active member: an audit found it answering
 * « nothing new — everyone already has the announcement », as if it had gone out. It now says there is nobody to
 * announce to and what to set; once a member is active, the usual counts. On PostgreSQL (a schema of its own).
 */
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('announce-nobody', 'anb');
const NOBODY = 'nobody to announce to — no list is configured (lists: in the configuration) and no member is active (crieur subscribers add|import)';

describe('announce with nobody to announce to', { timeout: 400_000 }, () => {
  it('says so, in --dry-run and in a real run, and never « everyone already has it »', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-06-19T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de juin' });
    await cli.store.subscribers.upsert([{ email: 'pending@example.fr', status: 'pending' as const, source: 'cli', language: 'fr' as const }]);
    const dry = await cli.crieur('announce', String(ev.id), '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(`event ${ev.id}: ${NOBODY}\n`);
    const real = await cli.crieur('announce', String(ev.id));
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toContain(`event ${ev.id}: ${NOBODY}\n`);
    expect(real.stderr).not.toMatch(/everyone already has/);

    await cli.store.subscribers.upsert([{ email: 'active@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const }]);
    const after = await cli.crieur('announce', String(ev.id), '--dry-run');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/would go to 0 list\(s\) and 1 active member\(s\)/);
  });
});
