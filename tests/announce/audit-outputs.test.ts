/**
 * Audit of what crieur sends to lists and members (outputs only), judged as Mailman 3 or listmonk would be: the
 * review copy `crieur announce EVENT --out DIR` writes is the mail the run sends. On PostgreSQL (a schema of its own).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { announceEvent } from '../../src/app/announce-event.ts';
import { systemClock } from '../../src/app/clock.ts';

const cli = useCliStore('audit-outputs', 'aout');

describe('announce --out of an update', { timeout: 400_000 }, () => {
  it('shows what changed since the version announced (« Ce qui a changé »), as the update sent does', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-05-15T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mai' });
    await cli.store.subscribers.upsert([{ email: 'd@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const }]);
    const config = loadConfig({ file: cli.configFile });
    const deps = { config, store: cli.store, builder: createEventMailBuilder(config), clock: systemClock };
    // Announced (queued: no deliver worker runs here), then the venue changes: the next announcement is an update.
    await announceEvent(deps, (await cli.store.events.get(ev.id))!);
    await cli.store.events.update(ev.id, { venue: 'Salle « B » & C' });
    const dir = join(cli.box.dir, 'out-update');
    const out = await cli.crieur('announce', String(ev.id), '--out', dir);
    expect(out.code, out.stderr).toBe(0);
    const text = readFileSync(join(dir, `E-${ev.id}.member-fr.txt`), 'utf8').replace(/\u00a0/g, ' ');
    expect(text).toMatch(/^MISE À JOUR/);
    expect(text).toContain('Ce qui a changé :\n  - Lieu : Chez Dalibo → Salle « B » & C');
    expect(readFileSync(join(dir, `E-${ev.id}.member-fr.html`), 'utf8').replace(/&nbsp;|\u00a0/g, ' ')).toContain('Lieu : Chez Dalibo → Salle « B » &amp; C');
    // The update itself, as announceEvent builds it for the campaign: the same words.
    const sent = await announceEvent(deps, (await cli.store.events.get(ev.id))!);
    expect(sent).toMatchObject({ created: true, update: true });
    const parts = await cli.store.campaigns.parts(sent.campaign.id);
    expect(JSON.stringify(parts.variants)).toContain('Ce qui a chang');
  });
});
