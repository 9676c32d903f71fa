/**
 * A text part that only says the mail is in HTML: « Ce message est au format HTML. Pour le lire, utilisez un logiciel
 * de messagerie compatible. », "This is an HTML email. Please use an HTML-capable email client." — some webmails and
 * mailing tools send it beside the real text, in the HTML part. Such a text is no message to read.
 */
import { fold } from './fold.ts';
import { type Phrases, phraseRegExp } from './phrases.ts';

const STUB_PHRASES: Phrases = {
  fr: [
    "(?:ce|le present) (?:message|courriel|mail|e-?mail) (?:est|a ete (?:redige|envoye|ecrit|compose)) (?:au|en) (?:format )?html",
    '(?:votre|ce) (?:logiciel|client|lecteur|programme) de (?:messagerie|courrier|courriel)\\b[^.\\n]{0,60}\\bhtml',
    '(?:compatible|capable de lire le) html',
  ],
  en: [
    '(?:this|the) (?:e-?mail|message|mail) (?:is|was) (?:(?:written|formatted|composed|sent) )?(?:in|as) html',
    'this is an? html (?:e-?mail|message|mail)',
    '(?:your|this) (?:e-?mail |mail )?(?:client|program|reader|viewer|software)\\b[^.\\n]{0,60}\\b(?:support|display|render|read)s? html',
    'html[- ](?:capable|compatible|enabled|aware) (?:e-?mail |mail )?(?:client|reader|viewer|program|software)',
  ],
};
const STUB = phraseRegExp('STUB_PHRASES', STUB_PHRASES, '', '\\b', '');
/** A stub is a sentence or two; a real text that mentions HTML is longer. */
const MAX_STUB = 400;

/** Does this text part only say the mail is to be read in HTML? */
export function isHtmlStub(text: string): boolean {
  const t = text.trim();
  return t.length <= MAX_STUB && STUB.test(fold(t));
}
