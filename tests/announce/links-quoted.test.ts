/**
 * The event's map and registration links in the announcement, whatever characters `crieur events create` accepted in
 * them: an audit found a link holding an apostrophe (an OpenStreetMap search for « rue de l'Arbre Sec »), a quote or
 * an angle bracket dropped from the mail without a word. Such a character is now percent-encoded, as a browser does;
 * a link that is not http(s) still never reaches an href.
 */
import { describe, expect, it } from 'vitest';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import type { EventMailInput } from '../../src/app/announce-event.ts';
import { GENERALE, groupConfig } from '../support/test-config.ts';

const config = groupConfig('links-quoted', { lists: [GENERALE] });

function input(mapUrl: string | null, registrationUrl: string | null): EventMailInput {
  return {
    kind: 'announce',
    event: { id: 3, sequence: 0, date: new Date('2027-02-25T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de février', venueAddress: "12 rue de l'Arbre Sec", mapUrl, registrationUrl, capacity: null },
    talks: [],
    next: null,
    date: new Date('2027-02-01T10:00:00Z'),
    seed: 'links-quoted',
  };
}

async function build(mapUrl: string | null, registrationUrl: string | null) {
  const [v] = await createEventMailBuilder(config).build(input(mapUrl, registrationUrl), [{ key: 'list:generale', locale: 'fr', to: GENERALE.address }]);
  return v!;
}

describe('announcement links with quotes or angle brackets', () => {
  it('keeps them, percent-encoded, in the HTML and the text', async () => {
    const v = await build("https://www.openstreetmap.org/search?query=12%20rue%20de%20l'Arbre%20Sec", 'https://meetup.example/r?ref="mail"&x=<1>');
    const map = 'https://www.openstreetmap.org/search?query=12%20rue%20de%20l%27Arbre%20Sec';
    const registration = 'https://meetup.example/r?ref=%22mail%22&x=%3C1%3E';
    expect(v.html).toContain(`href="${map}"`);
    expect(v.html).toContain(`href="${registration.replace(/&/g, '&amp;')}"`);
    expect(v.text).toContain(`<${map}>`);
    expect(v.text).toContain(`<${registration}>`);
  });

  it('still leaves out a link that is not http(s)', async () => {
    const v = await build('javascript:alert(1)', "data:text/html,<script>alert('x')</script>");
    expect(v.html).not.toMatch(/javascript:|data:text/);
    expect(v.text).not.toMatch(/javascript:|data:text/);
  });
});
