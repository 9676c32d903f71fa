/**
 * Members' digest choices (migration 009), the same on both engines: a choice replaces the earlier one, null removes
 * it, and the roster's DigestRecipients lists only active members of that list, in the format they chose.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, useStore } from './engines.ts';

describe.each(ENGINES)('digest preferences on $name', (engine) => {
  const store = useStore(engine);

  it('keeps one choice per member and list; lists active members only', async () => {
    await store.subscribers.upsert([
      { email: 'ana@example.fr', name: 'Ana', language: 'fr', status: 'active', source: 'cli' },
      { email: 'ben@example.org', name: null, language: null, status: 'active', source: 'cli' },
      { email: 'cid@example.org', name: null, language: 'en', status: 'pending', source: 'web' },
    ]);
    const id = async (email: string) => (await store.membership.byEmail(email))!.id;
    const [ana, ben, cid] = [await id('ana@example.fr'), await id('ben@example.org'), await id('cid@example.org')];

    await store.digests.set(ana, 'generale', { cadence: 'daily', format: 'html' });
    await store.digests.set(ana, 'generale', { cadence: 'weekly', format: 'text' });
    await store.digests.set(ben, 'generale', { cadence: 'daily', format: 'mime' });
    await store.digests.set(cid, 'generale', { cadence: 'daily', format: 'html' });
    await store.digests.set(ben, 'other', { cadence: 'daily', format: 'html' });

    expect(await store.digests.get(ana, 'generale')).toEqual({ cadence: 'weekly', format: 'text' });
    expect(await store.digests.forList('generale')).toEqual([
      { memberId: ana, email: 'ana@example.fr', name: 'Ana', language: 'fr', cadence: 'weekly', format: 'text' },
      { memberId: ben, email: 'ben@example.org', name: null, language: null, cadence: 'daily', format: 'mime' },
    ]);
    // Every choice by address, for `crieur subscribers list` (the pending member's too: it is still their choice).
    expect(Object.fromEntries(await store.digests.all())).toEqual({
      'ana@example.fr': [{ list: 'generale', cadence: 'weekly', format: 'text' }],
      'ben@example.org': [
        { list: 'generale', cadence: 'daily', format: 'mime' },
        { list: 'other', cadence: 'daily', format: 'html' },
      ],
      'cid@example.org': [{ list: 'generale', cadence: 'daily', format: 'html' }],
    });

    await store.digests.set(ana, 'generale', null);
    expect(await store.digests.get(ana, 'generale')).toBeNull();
    await store.membership.setStatus(ben, 'disabled', 'test');
    expect(await store.digests.forList('generale')).toEqual([]);
    expect(await store.digests.forList('other')).toEqual([]);
  });
});
