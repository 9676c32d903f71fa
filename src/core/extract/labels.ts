/**
 * The label table: which words, before a colon or as a heading, name which field of a proposal.
 * Data, not code — add a synonym here and every style (inline "Titre :", "## Title", "**Résumé**", <h2>) learns it.
 * Terms are folded (lower-case, no accents); qualifiers such as "proposed", "du talk", "(en minutes)" are dropped
 * before lookup (FILLERS), so "Titre provisoire du talk :" and "Proposed title:" both read as `title`.
 */
export type Field = 'title' | 'abstract' | 'duration' | 'speakers' | 'format' | 'language' | 'other';

export const LABELS: ReadonlyArray<readonly [Field, readonly string[]]> = [
  ['title', ['titre', 'title', 'sujet', 'theme', 'intitule', 'topic', 'nom du talk', 'name of the talk', 'talk name', 'proposal', 'proposition', 'submission', 'soumission',
    // speakers abroad fill the call's fields in their own language: Spanish, German, Italian
    'titulo', 'titel', 'titolo']],
  ['abstract', ['resume', 'abstract', 'description', 'synopsis', 'summary', 'pitch', 'contenu', 'descriptif', 'details', 'content', 'teaser', 'chapeau',
    // a form's invitation to describe the talk (Typeform, Google Forms — parse audit 11): "Tell us about it", « Décrivez votre talk »
    'tell us about it', 'tell us about', 'tell us more', 'describe', 'decrivez', 'parlez-nous en', 'parlez-nous de', 'presentez sujet', 'present topic', 'resumen', 'descripcion', 'zusammenfassung', 'beschreibung', 'riassunto', 'descrizione']],
  ['duration', ['duree', 'length', 'duration', 'temps de parole', 'time slot', 'creneau', 'slot', 'temps', 'time', 'duracion', 'dauer', 'durata']],
  ['speakers', ['orateurs', 'orateur', 'oratrice', 'oratrices', 'speakers', 'speaker', 'intervenants', 'intervenant', 'intervenante', 'intervenantes', 'presente par', 'presented by', 'auteur', 'auteurs', 'author', 'authors', 'conferencier', 'conferenciere', 'conferenciers', 'co-speaker', 'co-speakers', 'co-orateur', 'co-oratrice', 'co-orateurs', 'co-presentateur', 'co-presentatrice', 'co-presentateurs', 'co-presenter', 'co-presenters', 'co-animateur', 'co-animatrice', 'co-animateurs', 'co-intervenant', 'co-intervenante', 'with', 'avec', 'presenter', 'presenters', 'presentateur', 'presentatrice', 'qui', 'nom', 'name', 'nom et prenom', 'prenom et nom', 'prenom nom', 'full name',
    // a form's name question ("Speaker name", « Nom de l'orateur »), a panel's or round table's list (parse audit 11)
    'speaker name', 'speaker s name', "nom de l'orateur", "nom de l'oratrice", "nom de l'intervenant", "nom de l'intervenante", 'participants', 'panelistes', 'panelists']],
  ['format', ['format', 'type', 'type de session', 'session type', 'categorie', 'category', 'kind']],
  ['language', ['langue', 'language', 'lang', 'langue de presentation', 'idioma', 'sprache', 'lingua']],
  ['other', ['bio', 'biographie', 'biography', 'a propos de moi', 'about me', 'about the speaker', 'about', 'niveau', 'level', 'audience', 'public', 'public vise', 'target audience', 'prerequis', 'prerequisites', 'notes', 'note', 'remarques', 'remarque', 'commentaires', 'comments', 'slides', 'liens', 'links', 'lien', 'link', 'mots-cles', 'mots cles', 'tags', 'keywords', 'disponibilites', 'disponibilite', 'availability', 'dates', 'date', 'email', 'e-mail', 'mail', 'courriel', 'adresse e-mail', 'adresse email', 'adresse mail', 'adresse electronique', 'email address', 'e-mail address', 'mail address', 'twitter', 'github', 'linkedin', 'mastodon', 'entreprise', 'company', 'societe', 'employeur', 'employer', 'affiliation', 'organisation', 'organization', 'telephone', 'phone', 'tel', 'site', 'website', 'site web', 'plan', 'outline', 'agenda', 'deroule', 'deroulement', 'au programme', 'sommaire', 'objectifs', 'goals', 'takeaways', 'besoins', 'needs', 'materiel', 'equipment', 'video', 'enregistrement', 'recording']],
];

/**
 * 'other' labels whose value is one line (folded): « Niveau : intermédiaire », "Level: beginner", "Company: Acme" — the
 * paragraph after a blank line is the writer's prose again, not more of the value (parse audit 10: "**Level**:
 * intermediate" over the description took it, and the proposal had no abstract).
 */
export const ONE_LINE_TERMS = new Set([
  'niveau', 'level', 'audience', 'public', 'public vise', 'target audience', 'entreprise', 'company', 'societe', 'employeur', 'employer',
  'affiliation', 'organisation', 'organization', 'telephone', 'phone', 'tel', 'email', 'e-mail', 'mail', 'courriel', 'site', 'website', 'site web',
  'twitter', 'github', 'linkedin', 'mastodon',
]);

/** 'other' labels over the talk's outline: what follows them is part of its description (folded). */
export const OUTLINE_TERMS = new Set(['plan', 'outline', 'agenda', 'deroule', 'deroulement', 'au programme', 'sommaire', 'plan du talk', 'talk outline']);

/** Qualifiers that do not change which field a label names. */
export const FILLERS = new Set([
  'proposed', 'working', 'talk', 'session', 'presentation', 'short', 'long', 'tentative', 'provisional', 'my', 'the', 'of', 'a', 'an',
  'du', 'de', 'des', 'la', 'le', 'l', 'ma', 'mon', 'notre', 'our', 'propose', 'proposee', 'provisoire', 'souhaitee', 'souhaite', 'estimee',
  'estime', 'envisagee', 'envisage', 'prevue', 'prevu', 'approximative', 'approximatif', 'conference', 'intervention', 'expose', 'your',
  'estimated', 'expected', 'planned', 'quelques', 'lignes', 'mots', 'few', 'words', 'lines', 'preferred', 'preferee', 'prefere', 'ideal', 'ideale', 'wished', 'votre', 'ton', 'ta', 'desired', 'lightning', 'courte', 'court', 'longue', 'detaillee', 'detaille', 'en', 'in', 'minutes',
  'min', 'approx', 'approximate', 'for', 'pour', 'this', 'ce', 'cette', 'full', 'brief', 'bref', 'breve', 'complet', 'complete',
  // a speaker's corrections: « Nouveau titre : », « Titre définitif : », "New abstract:", "Corrected title:"
  'nouveau', 'nouvelle', 'new', 'bon', 'bonne', 'definitif', 'definitive', 'final', 'finale', 'corrige', 'corrigee', 'updated', 'revised',
  'corrected', 'correct', 'correcte',
  // a format's name before the title ("Lightning: X", "LT - X", « Atelier : X »)
  'lt', 'atelier', 'workshop', 'tutorial', 'tutoriel',
]);

/** A form's question as its label (Typeform, Tally): « Quel est votre nom ? », "What is your name?", « En quelle langue ? ». */
const QUESTION_WORDS = new Set(['quel', 'quelle', 'quels', 'quelles', 'est', 'sera', 'what', 'whats', 'which', 'is', 'will', 'be', 's']);
/**
 * A question asking for the talk's length (folded): "How long do you need?", "How much time…", « Combien de temps… » —
 * asked of the speaker, or bare: "How long does a restore of 4 TB take: that is what this talk answers" is an abstract's
 * (review of parse audit 11).
 */
const LENGTH_QUESTION = /^(?:how (?:long|much time)|combien de (?:temps|minutes))(?:$|\b.*\b(?:you|your|vous|votre|tu|te|ton|ta)\b)/;
/** The words a form's question opens on, when it does not end on its question mark. */
const QUESTION_OPENERS = new Set(['quel', 'quelle', 'quels', 'quelles', 'what', 'whats', 'which']);

/** Words that, alone before a colon, introduce the title ("Talk : …", "Conférence : …", "Lightning: …", « Atelier : … »). */
/** Format words: before a colon they lead a title, alone on a line they are a reply's verb ("lightning", « atelier »), no heading. */
export const FORMAT_WORDS = /^(?:lightning|lt|eclair|atelier|workshop|tutorial|tutoriel)$/;
export const BARE_TITLE_WORDS = new Set(['talk', 'presentation', 'conference', 'expose', 'intervention', 'session', 'lightning', 'lt', 'atelier', 'workshop', 'tutorial', 'tutoriel']);

/**
 * Half a person's name, as web forms ask for it: « Prénom : Camille » / « Nom : Rousseau », "First name: … / Last name: …".
 * Both name the one speaker and are joined (given name first); "Nom" / "Name" alone is the full name unless a given
 * name sits beside it. Folded terms.
 */
export type NamePart = 'given' | 'family';
export const NAME_PARTS: ReadonlyArray<readonly [NamePart, readonly string[]]> = [
  ['given', ['prenom', 'prenoms', 'first name', 'firstname', 'given name', 'forename']],
  ['family', ['nom de famille', 'last name', 'lastname', 'surname', 'family name', 'nom', 'name']],
];
const PARTS: ReadonlyMap<string, NamePart> = new Map(NAME_PARTS.flatMap(([part, terms]) => terms.map((t) => [t, part] as const)));

/** Which half of a name a folded label asks for ("Prénom" → given, "Nom de famille" → family), or null. */
export function namePartOf(foldedLabel: string): NamePart | null {
  const label = foldedLabel.replace(/\([^)]*\)/g, ' ').replace(/[^a-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
  return PARTS.get(label) ?? PARTS.get(label.split(/[\s']+/).filter((w) => w !== '' && !FILLERS.has(w)).join(' ')) ?? null;
}

const TERMS: ReadonlyMap<string, Field> = new Map([
  ...LABELS.flatMap(([field, terms]) => terms.map((t) => [t, field] as const)),
  // a half of the name is the speaker's too; parseFields joins the halves
  ...NAME_PARTS.flatMap(([, terms]) => terms.map((t) => [t, 'speakers' as Field] as const)),
]);

/** The field a folded label names, or null. */
export function fieldOf(foldedLabel: string): Field | null {
  // « Durée / Duration », "Title / Titre": a bilingual label names a field when both halves name it
  if (foldedLabel.includes('/')) {
    const halves = foldedLabel.split('/').map((h) => fieldOf(h));
    return halves.length === 2 && halves[0] != null && halves[0] === halves[1] ? halves[0] : null;
  }
  const label = foldedLabel.replace(/\([^)]*\)/g, ' ').replace(/[^a-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
  const direct = TERMS.get(label);
  if (direct) return direct;
  // a form asking for the length in a question: "How long do you need?", « Combien de temps vous faut-il ? » (parse audit 11)
  if (LENGTH_QUESTION.test(label)) return 'duration';
  // a form's question is no longer a label for its question words (« Quel sera le titre de votre talk ? ») — only a
  // question's: in « le titre est long. » (a remark, a reply's prose) « est » is no question word
  const all = label.split(/[\s']+/).filter((w) => w !== '');
  const question = foldedLabel.trimEnd().endsWith('?') || QUESTION_OPENERS.has(all[0] ?? '');
  const words = question ? all.filter((w) => !QUESTION_WORDS.has(w)) : all;
  if (words.length === 0 || words.length > 6) return null;
  const kept = words.filter((w) => !FILLERS.has(w));
  const aboutTalk = words.some((w) => BARE_TITLE_WORDS.has(w));
  if (kept.length === 0) return aboutTalk ? 'title' : null;
  // "Nom du talk proposé" names the talk, "Nom :" the speaker
  if (aboutTalk && (kept[0] === 'nom' || kept[0] === 'name') && kept.length === 1) return 'title';
  return TERMS.get(kept.join(' ')) ?? null;
}
