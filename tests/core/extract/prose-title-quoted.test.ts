/**
 * firstQuoted looks for an offer's, a resent proposal's or a talk word's quoted title only in a text that holds a quoted
 * or marked phrase at all (ANY_QUOTED, issue 12): each form of quote the three patterns read still gives its title —
 * double, French, curly and single quotes, asterisks and underscores —, wherever it stands.
 */
import { describe, expect, it } from 'vitest';
import { titleFromProse } from '../../../src/core/extract/prose-title.ts';

const far = 'Bonjour à toutes et à tous, merci pour l’organisation des soirées de cette année, c’était très réussi. '.repeat(6);

describe('titleFromProse: the quoted titles, behind the quick look for a quote', () => {
  it.each([
    ['« » after the offer', 'Je vous propose « Vacuum sans peur » pour le prochain meetup.', 'Vacuum sans peur', true],
    ['" " after the offer, far in', `${far}I would like to present "Logical replication in practice" at the next meetup.`, 'Logical replication in practice', true],
    ['“ ” after the offer', 'I could give “Partitioning without tears” next month.', 'Partitioning without tears', true],
    ['single quotes, an apostrophe inside', "I'd like to present 'What's new in PostgreSQL 18' at the meetup.", "What's new in PostgreSQL 18", true],
    ['‘ ’ after the offer', 'I would like to submit ‘Row level security in practice’ for March.', 'Row level security in practice', true],
    ['asterisks', 'I would like to submit *Upgrading with pg_upgrade --link* for the next meetup.', 'Upgrading with pg_upgrade --link', true],
    ['underscores', 'I would like to present _Streaming sensor data_ at a meetup.', 'Streaming sensor data', true],
    ['resent', 'Je la renvoie donc : « Les index BRIN en pratique »', 'Les index BRIN en pratique', true],
    ['near a talk word', `${far}Pour le lightning de jeudi, un exposé « Les verrous sans douleur » me tente.`, 'Les verrous sans douleur', false],
  ])('%s', (_, text, title, strong) => {
    expect(titleFromProse(text)).toEqual({ title, strong });
  });

  it.each([
    ['no quote at all', `${far}Je voudrais présenter un talk sur les index BRIN au prochain meetup.`],
    ['apostrophes only, inside words', "I'd like to present what's new in PostgreSQL's planner, if that's OK."],
    ['a bullet, not a mark', 'Je voudrais présenter :\n* un retour sur notre migration\n* et nos erreurs'],
  ])('%s: no quoted title', (_, text) => {
    expect(titleFromProse(text)?.strong ?? null).not.toBe(true);
  });
});
