/**
 * The job payload checked at the worker boundary (src/adapters/queue/bullmq.ts jobIds): one id, or a deliver job's
 * ids (a filing's mails, a backlog's messages: `id` first, at most the queue's IDS_PER_JOB); anything else can never
 * succeed and is parked, not retried.
 */
import { describe, expect, it } from 'vitest';
import { jobIds } from '../../src/adapters/queue/bullmq.ts';
import { IDS_PER_JOB } from '../../src/app/dispatcher.ts';

const MAX = IDS_PER_JOB.deliver;

describe('job payloads', () => {
  it('takes one id, or several with the first repeated as the job id', () => {
    expect(jobIds({ id: 7 }, 'deliver')).toEqual([7]);
    expect(jobIds({ id: 7, made: 2, firstAt: 1_700_000_000_000 }, 'deliver')).toEqual([7]);
    expect(jobIds({ id: 7, ids: [7, 8, 12] }, 'deliver')).toEqual([7, 8, 12]);
    expect(jobIds({ id: 1, ids: Array.from({ length: MAX }, (_, i) => i + 1) }, 'deliver')).toHaveLength(MAX);
    expect(jobIds({ id: 7, ids: [7, 8] }, 'classify')).toEqual([7, 8]);
  });

  it('refuses several ids for a queue whose runner takes one', () => {
    expect(jobIds({ id: 7, ids: [7, 8] }, 'command')).toMatch(/^bad job payload: /);
  });

  it("takes a job queued by a version whose size was larger, up to the bound: a size lowered later leaves the queued jobs good", () => {
    const ten = Array.from({ length: MAX }, (_, i) => i + 1);
    expect(jobIds({ id: 1, ids: ten }, 'classify')).toEqual(ten);
    expect(jobIds({ id: 1, ids: [...ten, 11] }, 'classify')).toMatch(/^bad job payload: /);
  });

  it.each([
    ['no id', {}],
    ['a string id', { id: '7' }],
    ['a negative id', { id: -1 }],
    ['a fractional id', { id: 1.5 }],
    ['ids not led by the id', { id: 7, ids: [8, 7] }],
    ['an empty list', { id: 7, ids: [] }],
    ['a bad id in the list', { id: 7, ids: [7, 0] }],
    ['ids not a list', { id: 7, ids: '7,8' }],
    ['too many ids', { id: 1, ids: Array.from({ length: MAX + 1 }, (_, i) => i + 1) }],
    ['no payload at all', null],
  ])('refuses %s', (_what, data) => {
    expect(jobIds(data, 'deliver')).toMatch(/^bad job payload: /);
  });
});
