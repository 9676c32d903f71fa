/**
 * Mail with a null reverse-path (`Return-Path: <>`) or written to a member's VERP bounce address is a mail system's
 * or a responder's notice (RFC 5321 §4.5.5, RFC 3834): never a proposal, never answered — even when it reads like one
 * (an audit's bounce quoting crieur's own call for proposals was filed as a proposal and would have been acknowledged).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { whyNotAnswer } from '../../../src/core/pipeline/loop-guard.ts';
import { mintMemberToken } from '../../../src/core/membership/token.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const PROPOSAL = "Bonjour,\n\nJe souhaiterais proposer un talk « Les index BRIN en production » pour le prochain meetup.\nDurée : 20 minutes.\n\nJean\n";

describe('returned-to-sender', () => {
  it('a proposal-like text with a null reverse-path is no proposal, and is never answered', async () => {
    const m = await mail({ subject: 'Proposition de talk : Les index BRIN', body: PROPOSAL, headers: { 'Return-Path': '<>' } });
    const c = classify(m, ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons).toEqual(['returned-to-sender', 'null reverse-path']);
    // the loop guard says no whatever the kind a caller gives it
    expect(whyNotAnswer({ kind: 'proposal', mail: m, ownAddresses: ctx.ownAddresses })).toMatch(/null reverse-path/);
  });

  it('the same text written to a member\'s VERP bounce address is a responder\'s notice', async () => {
    const tag = mintMemberToken('s3cret', 'bounce', 4229, 'member@example.net');
    const m = await mail({ to: `bounces+${tag}@pgug.example.org`, subject: 'Re: Appel à orateurs', body: PROPOSAL });
    expect(classify(m, ctx)).toMatchObject({ kind: 'auto-reply', reasons: ['returned-to-sender', 'written to a bounce address'] });
  });

  it('a person\'s proposal with a return path of its own is still one', async () => {
    const m = await mail({ subject: 'Proposition de talk : Les index BRIN', body: PROPOSAL, headers: { 'Return-Path': '<jean.dupont@example.fr>' } });
    expect(classify(m, ctx).kind).toBe('proposal');
    expect(whyNotAnswer({ kind: 'proposal', mail: m, ownAddresses: ctx.ownAddresses })).toBeNull();
  });
});
