/**
 * The job payload checked at the worker boundary (src/adapters/queue/bullmq.ts jobIds): one id, or a deliver job's
 * ids (a filing's mails, `id` first, at most MAX_IDS_PER_JOB); anything else can never succeed and is parked, not retried.
 */
import { describe, expect, it } from 'vitest';
import { jobIds, MAX_IDS_PER_JOB } from '../../src/adapters/queue/bullmq.ts';

describe('job payloads', () => {
  it('takes one id, or several with the first repeated as the job id', () => {
    expect(jobIds({ id: 7 })).toEqual([7]);
    expect(jobIds({ id: 7, made: 2, firstAt: 1_700_000_000_000 })).toEqual([7]);
    expect(jobIds({ id: 7, ids: [7, 8, 12] })).toEqual([7, 8, 12]);
    expect(jobIds({ id: 1, ids: Array.from({ length: MAX_IDS_PER_JOB }, (_, i) => i + 1) })).toHaveLength(MAX_IDS_PER_JOB);
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
    ['too many ids', { id: 1, ids: Array.from({ length: MAX_IDS_PER_JOB + 1 }, (_, i) => i + 1) }],
    ['no payload at all', null],
  ])('refuses %s', (_what, data) => {
    expect(jobIds(data)).toMatch(/^bad job payload: /);
  });
});
