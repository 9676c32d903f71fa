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
    expect((await store.events.onDay('2027-01-29', 'Europe/Paris')).map((e) => e.id)).toEqual([late.id]);
    expect((await store.events.onDay('2027-01-28', 'UTC')).map((e) => e.id)).toEqual([late.id]);
    expect(await store.events.onDay('2027-01-30', 'Europe/Paris')).toEqual([]);
  });

  it('names no event by an id the column cannot hold (99999999999 was « out of range for type integer »)', async () => {
    for (const id of [99_999_999_999, 2_147_483_648, 0, -1]) {
      expect(await store.events.get(id)).toBeNull();
      expect(await store.events.update(id, { venue: 'V' })).toBeNull();
    }
  });

  it('gives every event of a day, earliest first: a date names one event only when the day holds one', async () => {
    // Before March 2027: the next test lists the events from then on.
    const evening = await store.events.create({ date: new Date('2027-02-10T18:00:00Z'), venue: 'Soir' });
    const afternoon = await store.events.create({ date: new Date('2027-02-10T13:00:00Z'), venue: 'Atelier' });
    expect((await store.events.onDay('2027-02-10', 'Europe/Paris')).map((e) => e.id)).toEqual([afternoon.id, evening.id]);
  });

  it('gives the programme in running order: the talks, then the lightning talks, each as scheduled', async () => {
    const ev = await store.events.create({ date: new Date('2027-02-17T18:00:00Z'), venue: 'V' });
    const [brin, lightning, replication] = [await proposal(), await proposal(), await proposal()];
    await store.proposals.update(lightning, { ...(await store.proposals.get(lightning))!, format: 'lightning', durationMinutes: 5 }, 'test', null);
    for (const ref of [brin, lightning, replication]) await store.events.assign(ev.id, ref);
    expect((await store.events.get(ev.id))!.programme).toEqual([brin, replication, lightning]);
    expect((await store.events.list()).find((e) => e.id === ev.id)!.programme).toEqual([brin, replication, lightning]);
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
  it('update: changes what is given, keeps the rest, bumps SEQUENCE only on a real change', async () => {
    const ev = await store.events.create({ date: new Date('2027-05-20T17:00:00Z'), venue: 'V', title: 'Mai', capacity: 80 });
    expect(await store.events.update(ev.id, { venue: 'V', date: new Date('2027-05-20T17:00:00Z'), title: 'Mai' })).toMatchObject({ changed: false, event: { sequence: 0 } });
    const r = await store.events.update(ev.id, { date: new Date('2027-05-27T17:00:00Z'), mapUrl: 'https://osm.org/x' });
    expect(r).toMatchObject({ changed: true, event: { venue: 'V', title: 'Mai', capacity: 80, mapUrl: 'https://osm.org/x', sequence: 1 } });
    expect(r!.event.date.toISOString()).toBe('2027-05-27T17:00:00.000Z');
    expect(await store.events.update(ev.id, { title: null })).toMatchObject({ changed: true, event: { title: null, sequence: 2 } });
    expect(await store.events.update(ev.id, { title: null })).toMatchObject({ changed: false, event: { sequence: 2 } });
    expect(await store.events.update(999_999, { venue: 'X' })).toBeNull();
  });
});
