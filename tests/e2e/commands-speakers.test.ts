/**
 * Speakers answer by replying to their mails, end to end (Dovecot, Redis, workers, SMTP listener), with replies
 * from Apple Mail, iPhone (fr and en), Thunderbird: confirm, withdraw, labelled corrections; the organizers hear
 * of each. Decisions held with decisions.hold go out on `release`.
 */
import { describe, expect, it } from 'vitest';
import { sentTo, useLiveImap, waitFor } from '../support/pipeline.ts';
import { causedTo, DIM, fileProposal, fixtureReply, JEAN, ORGA2, send } from '../support/commands.ts';

describe('speakers answer by email (pglite)', () => {
  const live = useLiveImap('pglite', { overrides: { limits: { acksPerSenderPerDay: 1000 } } });
  const status = async (ref: string) => (await live.p.store.proposals.get(ref))!.status;
  const toOrganizers = async (ref: string, word: RegExp) => {
    for (const o of [DIM, ORGA2]) await waitFor(async () => (await sentTo(live.sink, o)).find((m) => m.mail.subject.includes(ref) && word.test(m.mail.subject)), `${word} to ${o}`, 30_000);
  };

  it.each([
    ['06-apple-mail-confirm-fr.eml', 'fr', '[fait]'],
    ['07-iphone-confirm-en.eml', 'en', '[done]'],
  ])('confirm (%s): accepted → confirmed; the organizers are told; the transcript in the speaker’s language', async (file, _lang, done) => {
    const f = await fileProposal(live, `Confirmation ${file}`);
    await send(live, fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref }));
    const reply = fixtureReply(file, { ref: f.ref });
    await send(live, reply);
    expect(await status(f.ref)).toBe('confirmed');
    await toOrganizers(f.ref, /confirme/);
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.text).toContain(done);
  });

  it('« Ok, je confirme ! » over the speaker’s name (audit f): confirmed and answered, not relayed as a message', async () => {
    const f = await fileProposal(live, 'Assentiment sans virgule');
    await send(live, fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref }));
    const r = fixtureReply('06-apple-mail-confirm-fr.eml', { ref: f.ref });
    const reply = { raw: Buffer.from(r.raw.toString('latin1').replace('\nconfirmer\n', '\nOk, je confirme !\n'), 'latin1'), messageId: r.messageId };
    expect(reply.raw.toString('latin1')).toContain('Ok, je confirme');
    await send(live, reply);
    expect(await status(f.ref)).toBe('confirmed');
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.text).toContain('[fait]');
  });

  it('confirm after the talk was scheduled: recorded, the organizers told (an audit saw only the speaker’s name relayed), nothing else relayed', async () => {
    const f = await fileProposal(live, 'Programmee avant confirmation');
    await live.p.store.proposals.setStatus(f.ref, 'scheduled', DIM, null);
    const reply = fixtureReply('06-apple-mail-confirm-fr.eml', { ref: f.ref });
    await send(live, reply);
    expect(await status(f.ref)).toBe('scheduled');
    await toOrganizers(f.ref, /confirme/);
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.text).toContain('confirmation enregistrée');
    expect((await live.p.store.proposals.history(f.ref)).map((h) => h.action)).toContain('confirmed');
    // « Merci beaucoup, à bientôt ! / Jean » under the verb is no message for the organizers
    const messages = (await sentTo(live.sink, DIM)).filter((m) => m.mail.subject.includes(f.ref) && /message|Message/.test(m.mail.subject));
    expect(messages).toEqual([]);
  });

  it('a speaker’s bare « help » is answered in the proposal’s language (an English speaker got French)', async () => {
    const f = await fileProposal(live, 'Help in English', JEAN, 'en');
    const r = fixtureReply('06-apple-mail-confirm-fr.eml', { ref: f.ref });
    const reply = { raw: Buffer.from(r.raw.toString('latin1').replace('\nconfirmer\n', '\nhelp\n').replace(/\nMerci beaucoup[^\n]*\n/, '\n'), 'latin1'), messageId: r.messageId };
    await send(live, reply);
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.subject).toContain('Results of your commands');
  });

  it('withdraw (Thunderbird, en): withdrawn; the organizers get the speaker’s words in the one mail that tells them', async () => {
    const f = await fileProposal(live, 'Retrait');
    const inbound = await send(live, fixtureReply('09-thunderbird-withdraw-en.eml', { ref: f.ref }));
    expect(await status(f.ref)).toBe('withdrawn');
    await toOrganizers(f.ref, /retire/);
    // One mail per organizer, not « Jean retire la proposition » and « Message de Jean » besides
    for (const o of [DIM, ORGA2]) expect(await causedTo(live, inbound.id, o)).toEqual([{ purpose: 'notify-organizer', subjectRef: `${f.ref}/withdraw/m${inbound.id}/0` }]);
    const notice = (await sentTo(live.sink, DIM)).find((m) => m.mail.subject.includes(f.ref) && /retire/.test(m.mail.subject))!;
    expect(notice.mail.text).toContain("Sorry, my company won't let me travel that week");
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === inbound.messageId), 'transcript', 30_000);
    expect(t.mail.text).toContain('Sorry, my company');
  });

  it('labelled corrections with words of the speaker’s own (fr): one mail per organizer, the words quoted under the changes', async () => {
    const f = await fileProposal(live, 'Corrections commentées');
    const r = fixtureReply('08-iphone-corrections-fr.eml', { ref: f.ref });
    const raw = r.raw.toString('latin1').replace(/\nTitre ?:/, '\nJe pr=C3=A9f=C3=A8re ce titre-ci, plus parlant.\n\nTitre :');
    expect(raw).toContain('plus parlant');
    const inbound = await send(live, { raw: Buffer.from(raw, 'latin1'), messageId: r.messageId });
    expect((await live.p.store.proposals.get(f.ref))!.durationMinutes).toBe(20);
    for (const o of [DIM, ORGA2]) expect(await causedTo(live, inbound.id, o)).toEqual([{ purpose: 'notify-organizer', subjectRef: `${f.ref}/corrected/m${inbound.id}` }]);
    const notice = await waitFor(async () => (await sentTo(live.sink, DIM)).find((m) => m.mail.subject.includes(f.ref) && /corrige/.test(m.mail.subject)), 'correction notice', 30_000);
    expect(notice.mail.text).toContain('plus parlant');
  });

  it('labelled corrections that give nothing (« Titre : » empty, « Durée : 600 »): nothing set, the transcript says so and how; the abstract beside them corrected', async () => {
    const f = await fileProposal(live, 'Corrections illisibles');
    const before = (await live.p.store.proposals.get(f.ref))!;
    const r = fixtureReply('08-iphone-corrections-fr.eml', { ref: f.ref });
    const raw = r.raw.toString('latin1').replace(/\nTitre : [^\n]*\n/, '\nTitre :\n').replace('Dur=C3=A9e : 20 min', 'Dur=C3=A9e : 600');
    expect(raw).toContain('Dur=C3=A9e : 600');
    const reply = { raw: Buffer.from(raw, 'latin1'), messageId: r.messageId };
    await send(live, reply);
    const p = (await live.p.store.proposals.get(f.ref))!;
    expect(p.title).toBe(before.title);
    expect(p.durationMinutes).toBe(before.durationMinutes);
    expect(p.abstract).toContain('PostgreSQL 17');
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.text).toMatch(/\[refusé\] +Titre :\s+titre vide : rien n’est changé\. Écrivez le nouveau titre après « Titre : »\.\n +\[refusé\] +Durée : 600\s+durée non comprise : rien n’est changé\. Donnez-la en minutes, de 1 à 240/);
    expect(t.mail.text).toMatch(/\[fait\] +Résumé : …/);
  });

  // The review of audit Z: a speaker restating what the proposal already says (« Le titre sera « … », comme convenu ») had
  // the organizers told of a correction that changed nothing.
  it('the same corrections sent again: nothing changes, the organizers are not told of a correction, the transcript says so', async () => {
    const f = await fileProposal(live, 'Corrections répétées');
    await send(live, fixtureReply('08-iphone-corrections-fr.eml', { ref: f.ref }));
    const again = fixtureReply('08-iphone-corrections-fr.eml', { ref: f.ref });
    // another mail (its own words), the same three fields
    const reply = { raw: Buffer.from(again.raw.toString('latin1').replace(/\nTitre ?:/, '\nJe renvoie les m=C3=AAmes, au cas o=C3=B9.\n\nTitre :'), 'latin1'), messageId: again.messageId };
    const inbound = await send(live, reply);
    expect((await live.p.store.proposals.history(f.ref)).filter((h) => h.action === 'updated')).toHaveLength(1);
    for (const o of [DIM, ORGA2]) expect((await causedTo(live, inbound.id, o)).filter((m) => m.subjectRef.includes('/corrected/'))).toEqual([]);
    const t = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.text).toMatch(new RegExp(`\\[fait\\] +Titre : … / Résumé : … / Durée : …\\s+${f.ref} le dit déjà \\(Titre, Résumé, Durée\\) : rien n’est changé\\.`));
  });

  it('labelled corrections (iPhone, fr): title, duration and abstract updated and audited; the organizers are told', async () => {
    const f = await fileProposal(live, 'Partitionnement déclaratif');
    const inbound = await send(live, fixtureReply('08-iphone-corrections-fr.eml', { ref: f.ref }));
    const p = (await live.p.store.proposals.get(f.ref))!;
    expect(p.title).toBe("Partitionnement déclaratif : retour d'expérience");
    expect(p.durationMinutes).toBe(20);
    expect(p.abstract).toContain('PostgreSQL 17');
    const updated = (await live.p.store.proposals.history(f.ref)).find((h) => h.action === 'updated');
    expect(updated).toMatchObject({ actor: JEAN, messageId: inbound.id });
    await toOrganizers(f.ref, /corrige/);
    // The duration with its unit: an audit read « Durée : 20 » in this notice.
    const notice = (await sentTo(live.sink, DIM)).find((m) => m.mail.subject.includes(f.ref) && /corrige/.test(m.mail.subject))!;
    expect(notice.mail.text).toMatch(/^ {2}Durée : 20 minutes$/m);
  });

  it('an unlabelled corrected proposal (Gmail, fr), as the acknowledgement invites: it replaces the filed one; the organizers are told of the change, not sent the text as a message', async () => {
    const f = await fileProposal(live, 'Partitionnement');
    const inbound = await send(live, fixtureReply('22-gmail-speaker-corrected-proposal-fr.eml', { ref: f.ref }));
    const p = (await live.p.store.proposals.get(f.ref))!;
    expect(p.title).toBe('Partitionnement déclaratif en production : trois ans après');
    expect(p.abstract).toContain('ce que PostgreSQL 17 change pour nous');
    const updated = (await live.p.store.proposals.history(f.ref)).find((h) => h.action === 'updated');
    expect(updated).toMatchObject({ actor: JEAN, messageId: inbound.id });
    await toOrganizers(f.ref, /corrige/);
    expect(await causedTo(live, inbound.id, DIM)).toEqual([{ purpose: 'notify-organizer', subjectRef: `${f.ref}/corrected/m${inbound.id}` }]);
  });

  it('a speaker token cannot accept: a speaker’s « accepter » is a message for the organizers, nothing changes', async () => {
    const f = await fileProposal(live, 'Pas de self-service');
    const reply = fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref, from: `Jean Dupont <${JEAN}>` });
    const spk = fixtureReply('06-apple-mail-confirm-fr.eml', { ref: f.ref });
    // Jean answers his acknowledgement (speaker token) with « accepter ».
    const raw = Buffer.from(
      reply.raw.toString('latin1').replace(/^(To|Delivered-To|In-Reply-To|References):.*$/gim, (l) => spk.raw.toString('latin1').match(new RegExp(`^${l.split(':')[0]}:.*$`, 'im'))?.[0] ?? l),
      'latin1',
    );
    await send(live, { raw, messageId: reply.messageId });
    expect(await status(f.ref)).toBe('received');
    // An organizer's verb in a speaker's reply is prose ("OK" answering a question): relayed, not acted on.
    await toOrganizers(f.ref, /Message de/);
    expect(await status(f.ref)).toBe('received');
  });

  it('« Thank you 👍 » to the acknowledgement (audit g): courtesy alone — relayed to no organizer, answered by nothing, threaded and logged', async () => {
    const f = await fileProposal(live, 'Remerciement seul');
    const r = fixtureReply('06-apple-mail-confirm-fr.eml', { ref: f.ref });
    const reply = { raw: Buffer.from(r.raw.toString('latin1').replace('\nconfirmer\n', '\nThank you =F0=9F=91=8D\n'), 'latin1'), messageId: r.messageId };
    expect(reply.raw.toString('latin1')).toContain('Thank you =F0');
    const inbound = await send(live, reply);
    expect(inbound.state).toBe('done');
    expect(await status(f.ref)).toBe('received');
    await new Promise((res) => setTimeout(res, 1_500));
    for (const who of [DIM, ORGA2, JEAN]) expect(await causedTo(live, inbound.id, who)).toEqual([]);
    const history = await live.p.store.proposals.history(f.ref);
    expect(history.filter((h) => h.messageId === inbound.id).map((h) => h.action)).toEqual(['reply-received']);
    const log = await live.p.db.query<{ detail: Record<string, unknown> }>('SELECT detail FROM command_log WHERE message_id = $1', [inbound.id]);
    expect(log[0]?.detail).toMatchObject({ commands: 0, courtesy: true });
  });
});

describe('decisions.hold: speaker mails wait for release (pglite)', () => {
  const live = useLiveImap('pglite', { overrides: { limits: { acksPerSenderPerDay: 1000 }, decisions: { hold: true } } });

  it('accept and decline queue nothing for the speakers until an organizer sends release (Outlook web, HTML-only)', async () => {
    const a = await fileProposal(live, 'Retenue A');
    const b = await fileProposal(live, 'Retenue B');
    await send(live, fixtureReply('01-gmail-web-accept-fr.eml', { ref: a.ref }));
    await send(live, fixtureReply('02-gmail-web-decline-reason-en.eml', { ref: b.ref }));
    expect((await live.p.store.proposals.get(a.ref))!.status).toBe('accepted');
    const waiting = () => live.p.db.query<{ proposal_ref: string }>('SELECT proposal_ref FROM held_mail WHERE released_at IS NULL ORDER BY id');
    expect((await waiting()).map((r) => r.proposal_ref).sort()).toEqual([a.ref, b.ref].sort());
    const decisionMails = async () => (await sentTo(live.sink, JEAN)).filter((m) => /Action requise|Réponse/.test(m.mail.subject));
    expect(await decisionMails()).toEqual([]);
    await send(live, fixtureReply('20-outlook-web-html-only-talk-release-fr.eml', { ref: a.ref }));
    await waitFor(async () => (await decisionMails()).length === 2, 'held mails released', 30_000);
    expect(await waiting()).toEqual([]);
  });
});
