/**
 * `/`: the next meetup as a page — title, date in the visitor's language and the group's zone, venue with a map
 * link, registration, then the talks in running order with their speakers and abstracts; or, when nothing is
 * planned, a plain sentence and where to send a proposal. Built on the announcement's own data (eventMailData), so
 * the page and the mail word a meetup the same way. Pure: data in, HTML out, every user-written part escaped.
 */
import type { Language } from '../../types.ts';
import { eventMailData, type EventForMail, type TalkData, type TalkForMail } from '../render/announce-data.ts';
import { escapeHtml } from '../render/escape.ts';
import { pageHtml } from './layout.ts';
import { PAGE_TEXT } from './text.ts';

export interface ProgrammePage {
  lang: Language;
  group: { name: string; timezone: string };
  proposalsAddress: string;
  /** The next meetup and its programme, or null when none is planned. */
  next: { event: EventForMail; talks: TalkForMail[] } | null;
  nav: boolean;
}

export function programmePage(p: ProgrammePage): string {
  const t = PAGE_TEXT[p.lang];
  const e = escapeHtml;
  const cfp = `<p>${e(t.cfp)} <a href="mailto:${e(p.proposalsAddress)}">${e(p.proposalsAddress)}</a>.</p>`;
  const shell = { lang: p.lang, group: p.group.name, path: '/', nav: p.nav };
  if (!p.next) return pageHtml({ ...shell, title: t.nextMeetup }, `<p>${e(t.noMeetup)}</p>\n${cfp}`);

  const d = eventMailData(p.next.event, p.next.talks, { group: p.group, locale: p.lang, proposalsAddress: p.proposalsAddress, personal: false, next: null, publicPage: true });
  // The running order (core/programme.ts), as the mail shows it: the talks, then the lightning talks.
  const talks: TalkData[] = [...d.talks, ...d.lightning];
  const place = [d.venue, d.venueAddress].filter(Boolean).join(', ');
  const map = d.mapUrl ?? `https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`;
  const facts = `<dl class="facts">
<dt>${e(t.when)}</dt><dd><time datetime="${p.next.event.date.toISOString()}">${e(d.dateLabel)}</time></dd>
<dt>${e(t.where)}</dt><dd>${e(d.venue)}${d.venueAddress ? `<br>${e(d.venueAddress)}` : ''}<br><a href="${e(map)}">${e(t.map)}</a></dd>
</dl>`;
  const actions = `<p class="actions">${d.registrationUrl ? `<a href="${e(d.registrationUrl)}">${e(t.register)}</a>` : ''}${p.nav ? `<a href="/events.ics">${e(t.addToCalendar)}</a>` : ''}</p>`;
  // The speakers' names share a line with our words: isolated (<bdi>), so that a right-to-left name, or one carrying
  // a direction override (U+202E), cannot reorder « · conférence, 45 minutes » after it. Titles, the venue and the
  // address each end their line (a heading, <br>), where an override ends too.
  const items = talks.map(
    (x) => `<article class="talk${x.isLightning ? ' lightning' : ''}">
<h3>${e(x.title)}</h3>
<p class="meta">${x.speakers ? `${e(t.by)} <bdi>${e(x.speakers)}</bdi> · ` : ''}${e(x.formatLabel)}, ${e(x.durationLabel)}</p>
${x.abstractHtml ?? ''}
</article>`,
  );
  const programme = items.length > 0 ? items.join('\n') : `<p>${e(t.programmeSoon)}</p>`;
  return pageHtml({ ...shell, title: d.eventTitle }, `${facts}\n${actions}\n<h2>${e(t.programme)}</h2>\n${programme}\n${cfp}`);
}
