/** Events and their programme, the same on both engines: running order, moves, local days, SEQUENCE bumps. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, useStore } from './engines.ts';

const uniq = (): string => randomBytes(6).toString('hex');

describe.each(ENGINES)('events on $name', (engine) => {
  const store = useStore(engine);

  const proposal = async (): Promise<string> => {
    const raw = Buffer.from(`Message-ID: <${uniq()}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`);
    const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
    const draft = { format: 'talk' as const, title: `T ${uniq()}`, abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'A', email: `a.${uniq()}@x.fr` }], attachments: [] };
    return (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
  };

  it('finds an event by its local day, not its UTC day', async () => {
    // 23:30 in Paris on 28 January is 22:30 UTC the same day; 00:30 on the 29th in Paris is the 28th in UTC.
    const late = await store.events.create({ date: new Date('2027-01-28T23:30:00Z'), venue: 'V' });
    expect((await store.events.onDay('2027-01-29', 'Europe/Paris'))?.id).toBe(late.id);
    expect((await store.events.onDay('2027-01-28', 'UTC'))?.id).toBe(late.id);
    expect(await store.events.onDay('2027-01-30', 'Europe/Paris')).toBeNull();
  });

  it('keeps the running order, moves a proposal between events and bumps SEQUENCE on both', async () => {
    const a = await store.events.create({ date: new Date('2027-03-04T18:00:00Z'), venue: 'A', title: 'Mars' });
    const b = await store.events.create({ date: new Date('2027-04-15T17:00:00Z'), venue: 'B' });
    const [p1, p2, p3] = [await proposal(), await proposal(), await proposal()];
    await store.events.assign(a.id, p1);
    await store.events.assign(a.id, p2);
    const afterThree = await store.events.assign(a.id, p3);
    expect(afterThree.programme).toEqual([p1, p2, p3]);
    // Assigning again where it already is changes nothing.
    expect((await store.events.assign(a.id, p1)).programme).toEqual([p1, p2, p3]);
    const seqA = (await store.events.get(a.id))!.sequence;
    const movedTo = await store.events.assign(b.id, p2);
    expect(movedTo.programme).toEqual([p2]);
    expect((await store.events.get(a.id))!.programme).toEqual([p1, p3]);
    expect((await store.events.get(a.id))!.sequence).toBe(seqA + 1);
    expect((await store.proposals.get(p2))!.event).toBe(String(b.id));
    await store.events.unassign(p2);
    expect((await store.events.get(b.id))!.programme).toEqual([]);
    expect((await store.events.list({ from: new Date('2027-03-01T00:00:00Z') })).map((e) => e.id)).toEqual([a.id, b.id]);
  });

  it('refuses an unknown event or proposal', async () => {
    await expect(store.events.assign(999_999, 'P-0001')).rejects.toThrow(/no event/);
    const e = await store.events.create({ date: new Date('2027-05-01T17:00:00Z'), venue: 'V' });
    await expect(store.events.assign(e.id, 'P-9999')).rejects.toThrow(/no proposal/);
  });
});
