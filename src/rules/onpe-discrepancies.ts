/**
 * Where ONPE's own audit tool departs from what the guide intends, recorded as data: for each, the ONPE section it
 * affects, what ONPE's tool does, what olinpe does instead, why, and the guide page. olinpe reproduces the intent;
 * these records are shown next to the section in every form of the audit report, so that an observatory putting
 * ONPE's report beside olinpe's sees why a figure differs.
 *
 * Source of ONPE's behaviour: the PHP of ONPE's importer (public repository GithubGator/Giped, `decret2016/admin`),
 * as described in olinpe's reference notes on ONPE's audit sections; guide pages are those of the 2018 ONPE guide
 * (G18).
 *
 * @module
 */
import { LINK_VARIABLES } from '../nomenclature/index.js';
import type { Text } from './types.js';

/** One recorded difference between ONPE's audit tool and olinpe's audit. */
export interface OnpeDiscrepancy {
  /** Stable id. */
  id: string;
  /** The ONPE sections it affects (`'0049'`; `'header'` for the report's first figures). */
  onpe: readonly string[];
  /** What ONPE's tool does. */
  onpeDoes: Text;
  /** What olinpe does. */
  olinpeDoes: Text;
  /** Why olinpe departs from ONPE. */
  why: Text;
  /** Where the intended behaviour is written (G18 = ONPE guide 2018). */
  source: { doc: 'G18'; ref: string; page?: number };
}

const T = (fr: string, en: string): Text => ({ fr, en });
const G18 = (ref: string, page?: number): OnpeDiscrepancy['source'] =>
  page === undefined ? { doc: 'G18', ref } : { doc: 'G18', ref, page };

/** Every recorded discrepancy, in the order of the sections they affect. */
export const ONPE_DISCREPANCIES: readonly OnpeDiscrepancy[] = [
  {
    id: 'onpe-year-inferred-9999',
    onpe: ['header', '0036', '0099'],
    onpeDoes: T(
      'Année concernée = préfixe de 4 caractères de DATDECPE le plus fréquent, « 9999 » et préfixes illisibles compris ; égalité → le plus grand (9999 peut gagner).',
      'Reference year = the most frequent 4-character DATDECPE prefix, "9999" and unreadable prefixes included; ties → the highest (9999 can win).',
    ),
    olinpeDoes: T(
      'Même règle (la plus fréquente, égalité → la plus grande), mais sur les seules années connues de DATDECPE ; --year l’emporte, avec un avertissement si les données désignent une autre année.',
      'Same rule (most frequent, ties → highest), on the known DATDECPE years only; --year wins, with a warning when the data point to another year.',
    ),
    why: T(
      '« 9999 » veut dire « année inconnue », ce n’est pas une année d’extraction.',
      '"9999" means "year unknown"; it is not an extraction year.',
    ),
    source: G18('II (champ de l’extraction : l’année N)', 4),
  },
  {
    id: 'onpe-0004-nsp-codes',
    onpe: ['0004', '0013'],
    onpeDoes: T(
      'Le test « ne sait pas » prend 9 pour TYPCLASSPE (son code est 99), 99 pour TRAITINFO et TYPINTERDOM (leur code est 9), la forme date complète pour DATDECMIN ; MOTIFSIG 5 et NATDECPLAC 3 ne comptent pas comme renseignés ; NBENF n’est jamais renseigné ; une variable remplie de valeurs invalides est listée ou non selon la variable.',
      'The "ne sait pas" test takes 9 for TYPCLASSPE (its code is 99), 99 for TRAITINFO and TYPINTERDOM (theirs is 9), the full-date form for DATDECMIN; MOTIFSIG 5 and NATDECPLAC 3 do not count as filled; NBENF never does; a variable filled with invalid values is listed or not depending on the variable.',
    ),
    olinpeDoes: T(
      'Chaque variable a son code « ne sait pas » de la nomenclature ; « toujours ne sait pas » = toute valeur non vide est ce code.',
      'Each variable has its "ne sait pas" code from the nomenclature; "always unknown" = every non-empty value is that code.',
    ),
    why: T('Codes « ne sait pas » de la nomenclature du guide.', 'The guide’s "ne sait pas" codes.'),
    source: G18('fiches des variables TYPCLASSPE, TRAITINFO, TYPINTERDOM, DATDECMIN, NBENF', 19),
  },
  {
    id: 'onpe-0005-person-key',
    onpe: ['0005', '0018', 'header'],
    onpeDoes: T(
      'Une ligne sans élément NUMANONYM est attribuée au jeune de la ligne précédente ; les éléments absents de la première ligne valent le texte « NULL ».',
      'A line without a NUMANONYM element is given to the previous line’s young person; the elements absent from the first line read as the text "NULL".',
    ),
    olinpeDoes: T(
      'Une ligne sans NUMANONYM n’est rattachée à aucun jeune (ni incohérence, ni doublon par jeune) ; un élément absent est vide sur toutes les lignes.',
      'A line without NUMANONYM belongs to no young person (neither inconsistency nor per-person duplicate); an absent element is empty on every line.',
    ),
    why: T(
      'Un identifiant manquant ne désigne pas le jeune précédent.',
      'A missing identifier does not designate the previous young person.',
    ),
    source: G18('III (une ligne par événement, NUMANONYM sur chaque ligne)', 6),
  },
  {
    id: 'onpe-header-young-people',
    onpe: ['header', '0005', '0018'],
    onpeDoes: T(
      'Compte les jeunes sur NUMANONYM tel qu’écrit : le même pseudonyme en majuscules et en minuscules fait deux jeunes ; toutes les lignes sans NUMANONYM font un jeune de plus.',
      'Counts young people on NUMANONYM as written: the same pseudonym in upper and lower case makes two; all the lines without NUMANONYM make one more.',
    ),
    olinpeDoes: T(
      'Un pseudonyme compte une fois quelle que soit la casse ; une ligne sans NUMANONYM ne compte pour aucun jeune.',
      'A pseudonym counts once whatever its case; a line without NUMANONYM counts for no young person.',
    ),
    why: T(
      'Le pseudonyme est hexadécimal : sa casse ne porte aucune information.',
      'The pseudonym is hexadecimal: its case carries no information.',
    ),
    source: G18('fiche NUMANONYM', 16),
  },
  {
    id: 'onpe-0009-shapes',
    onpe: ['0009'],
    onpeDoes: T(
      'Ne contrôle que la forme (JJ/MM/AAAA, JJ-MM-AAAA, AAAA/MM/JJ, réécrites, JJ-MM-AAAA en « AAAA-MM-AAAA »), le préfixe 19/20/99 et ANS* < 1920 ; laisse passer les dates impossibles (2019-02-30), AAAAMMJJ, 2019-5-3 et un texte quelconque, qui finissent comptés « absents » ailleurs.',
      'Checks only the shape (DD/MM/YYYY, DD-MM-YYYY, YYYY/MM/DD, rewritten, DD-MM-YYYY into "YYYY-MM-YYYY"), the 19/20/99 prefix and ANS* < 1920; lets impossible dates (2019-02-30), YYYYMMDD, 2019-5-3 and any text through, later counted "missing" elsewhere.',
    ),
    olinpeDoes: T(
      'Une anomalie par valeur de date mal formée au sens de la nomenclature (format, date impossible, année hors 1900–2099 sauf 9999), et ANS* < 1920 ; aucune réécriture.',
      'One finding per date value malformed by the nomenclature (format, impossible date, year outside 1900–2099 but 9999), and ANS* < 1920; no rewriting.',
    ),
    why: T(
      'Le guide fixe AAAA-MM-JJ (99/9999 si inconnu) ; réécrire perd le jour ou produit une valeur fausse.',
      'The guide sets YYYY-MM-DD (99/9999 when unknown); rewriting loses the day or makes a wrong value.',
    ),
    source: G18('IV (format des dates)', 7),
  },
  {
    id: 'onpe-0010-ages',
    onpe: ['0010'],
    onpeDoes: T(
      'Âge > 20 sans tenir compte du sens (une naissance 21 ans après la décision est signalée) ; écart parent-enfant seulement sur la première ligne du jeune, pour ANSA1 et ANSA2, âge inconnu compris ; une date de naissance ou de référence illisible arrête l’import.',
      'Age > 20 regardless of direction (a birth 21 years after the decision is flagged); parent-child gap only on the young person’s first line, for ANSA1 and ANSA2, unknown age included; an unreadable birth or reference date stops the import.',
    ),
    olinpeDoes: T(
      'Âge connu > 20 ans à la décision (naissance avant la décision) ; écart de moins de 10 ans avec ANSA1, ANSA2, ANSMERE ou ANSPERE sur chaque ligne ; une naissance après la décision va dans la section olinpe « naissance après la décision ».',
      'Known age over 20 at the decision (birth before it); a gap under 10 years with ANSA1, ANSA2, ANSMERE or ANSPERE on every line; a birth after the decision goes to olinpe’s "birth after the decision" section.',
    ),
    why: T(
      'Le dispositif couvre les moins de 21 ans ; chaque adulte a au moins 10 ans de plus que l’enfant.',
      'The scheme covers under-21s; every adult is at least 10 years older than the child.',
    ),
    source: G18('III (population : mineurs et jeunes majeurs de moins de 21 ans)', 6),
  },
  {
    id: 'onpe-0011-variables',
    onpe: ['0011', '0012'],
    onpeDoes: T(
      'Traite CSPJM et EMPLJM comme réservées aux mineurs ; ne contrôle ni COMPOMENAG (cas en double, jamais atteint) ni ANSA1/ANSA2 ; côté majeurs, ne contrôle que MENAGEJM.',
      'Treats CSPJM and EMPLJM as reserved to minors; checks neither COMPOMENAG (duplicate case, never reached) nor ANSA1/ANSA2; on the adult side checks MENAGEJM only.',
    ),
    olinpeDoes: T(
      'Mineurs : les variables de la nomenclature réservées aux moins de 18 ans (COMPOMENAG, ANSA1, ANSA2 comprises) ; majeurs : MENAGEJM, CSPJM, EMPLJM.',
      'Minors: the nomenclature’s under-18 variables (COMPOMENAG, ANSA1, ANSA2 included); adults: MENAGEJM, CSPJM, EMPLJM.',
    ),
    why: T(
      'Le guide réserve CSPJM et EMPLJM aux 18 ans et plus.',
      'The guide reserves CSPJM and EMPLJM to those aged 18 and over.',
    ),
    source: G18('fiches CSPJM, EMPLJM (« uniquement pour les 18 ans et plus »)', 34),
  },
  {
    id: 'onpe-0011-modalities',
    onpe: ['0011'],
    onpeDoes: T(
      'Pour un majeur, signale toute NATPDECADM hors {18, 20, 21} (99 et codes invalides compris) et toute NATDECASSED hors {21, 24} (99 compris).',
      'For an adult, flags any NATPDECADM outside {18, 20, 21} (99 and invalid codes included) and any NATDECASSED outside {21, 24} (99 included).',
    ),
    olinpeDoes: T(
      'Signale seulement les codes que la nomenclature réserve aux mineurs (NATPDECADM 10, 14, 16 ; NATDECASSED 11 à 19, 22, 23) ; jamais « ne sait pas » ni un code invalide.',
      'Flags only the codes the nomenclature reserves to minors (NATPDECADM 10, 14, 16; NATDECASSED 11 to 19, 22, 23); never "ne sait pas" nor an invalid code.',
    ),
    why: T(
      '« Ne sait pas » n’est réservé à aucun âge ; les libellés du guide ne réservent aux mineurs que ces codes (NATPDECADM 11, 12, 13, 15, 19 ne le sont pas).',
      '"Ne sait pas" is reserved to no age; the guide’s labels reserve only these codes to minors (NATPDECADM 11, 12, 13, 15, 19 are not).',
    ),
    source: G18('fiches NATPDECADM et NATDECASSED', 45),
  },
  {
    id: 'onpe-unknown-age',
    onpe: ['0010', '0011', '0012'],
    onpeDoes: T(
      'Un âge inconnu compte comme mineur : il déclenche les contrôles « réservé aux majeurs » et l’écart parent-enfant, jamais « réservé aux mineurs ».',
      'An unknown age counts as a minor: it triggers the adult-only checks and the parent gap, never the minor-only ones.',
    ),
    olinpeDoes: T(
      'Une ligne d’âge inconnu n’est jugée dans aucune de ces sections.',
      'A line of unknown age is judged in none of these sections.',
    ),
    why: T(
      'On ne peut rien dire de l’âge quand la naissance ou la décision est inconnue.',
      'Nothing can be said of the age when the birth or the decision is unknown.',
    ),
    source: G18('fiches ANAIS, MNAIS (99/9999 si inconnu)', 16),
  },
  {
    id: 'onpe-0012-typinterdom-10',
    onpe: ['0012'],
    onpeDoes: T(
      'Ne contrôle pas TYPINTERDOM 10 (aide éducative jeune majeur).',
      'Does not check TYPINTERDOM 10 (young-adult educational help).',
    ),
    olinpeDoes: T('Signale TYPINTERDOM 10 pour un mineur.', 'Flags TYPINTERDOM 10 for a minor.'),
    why: T('Le code est réservé aux jeunes majeurs par son libellé.', 'Its label reserves the code to young adults.'),
    source: G18('fiche TYPINTERDOM', 47),
  },
  {
    id: 'onpe-0013-ties',
    onpe: ['0013'],
    onpeDoes: T(
      'Lie DATJE, DATSIGN, MOTIFSIG, TRANSIP à TRAITINFO ; MODACC et NIVSCO à SCODTCOM ; TYPETABSPE à SCOCLASPE ; AUTREDA/AUTREDJ à DECISION ; INSTITPLAC et NATDECPLAC à NATDECASSED {17, 18, 21} ; signale DATFIN ici et en 0058.',
      'Ties DATJE, DATSIGN, MOTIFSIG, TRANSIP to TRAITINFO; MODACC and NIVSCO to SCODTCOM; TYPETABSPE to SCOCLASPE; AUTREDA/AUTREDJ to DECISION; INSTITPLAC and NATDECPLAC to NATDECASSED {17, 18, 21}; reports DATFIN here and in 0058.',
    ),
    olinpeDoes: T(
      'Conditions du guide (nomenclature) : DATJE, DATSIGN, MOTIFSIG, TRANSIP sur TYPEV 1 ; MODACC avant 6 ans hors scolarisation ; TYPETABSPE selon ETABSCOSPE ; AUTREDA si NATPDECADM 18, AUTREDJ si NATDECASSED 21 ; placements {17, 18, 21, 22, 23} ; DATFIN en 0058 seulement. Une variable de condition « ne sait pas » ne permet pas de juger.',
      'The guide’s conditions (nomenclature): DATJE, DATSIGN, MOTIFSIG, TRANSIP on TYPEV 1; MODACC under 6 when not at school; TYPETABSPE per ETABSCOSPE; AUTREDA when NATPDECADM 18, AUTREDJ when NATDECASSED 21; placements {17, 18, 21, 22, 23}; DATFIN in 0058 only. A condition variable coded "ne sait pas" cannot be judged.',
    ),
    why: T(
      'Les fiches des variables du guide donnent ces conditions.',
      'The guide’s variable sheets give these conditions.',
    ),
    source: G18('fiches des variables, blocs 2 à 7', 17),
  },
  {
    id: 'onpe-0018-rewrites',
    onpe: ['0018'],
    onpeDoes: T(
      'Compare les lignes après réécriture des dates (JJ/MM/AAAA perd le jour) : deux lignes qui ne diffèrent que par ce jour sont des doublons ; les variables hors nomenclature sont ignorées.',
      'Compares lines after the date rewrites (DD/MM/YYYY loses the day): two lines differing only in that day are duplicates; variables outside the nomenclature are ignored.',
    ),
    olinpeDoes: T(
      'Compare les valeurs telles qu’écrites (absent = vide).',
      'Compares the values as written (absent = empty).',
    ),
    why: T('Deux dates différentes ne font pas un doublon.', 'Two different dates do not make a duplicate.'),
    source: G18('III (une ligne par événement)', 6),
  },
  {
    id: 'onpe-0022-groups',
    onpe: ['0022', '0026'],
    onpeDoes: T(
      'Compte des groupes, sur une concaténation sans séparateur des 6 champs (LIEUACC « 1 » + TYPINTERDOM vide = LIEUACC vide + TYPINTERDOM « 1 »), sans casse ; liste des champs vides ; 0022 s’intitule « doublons judiciaires ».',
      'Counts groups, over a concatenation of the 6 fields without separator (LIEUACC "1" + empty TYPINTERDOM = empty LIEUACC + TYPINTERDOM "1"), case-insensitive; lists empty fields; 0022 is titled "judicial duplicates".',
    ),
    olinpeDoes: T(
      'Compare les 6 champs un à un et compte les lignes en trop, Σ(nb − 1), chacune listée avec la ligne qu’elle répète.',
      'Compares the 6 fields one by one and counts the extra lines, Σ(nb − 1), each listed with the line it repeats.',
    ),
    why: T(
      'Une concaténation ambiguë confond des décisions différentes.',
      'An ambiguous concatenation merges different decisions.',
    ),
    source: G18('III (une ligne par événement)', 6),
  },
  {
    id: 'onpe-enum-coercion',
    onpe: [
      '0028',
      '0034',
      '0035',
      '0038',
      '0044',
      '0045',
      '0046',
      '0047',
      '0048',
      '0049',
      '0050',
      '0051',
      '0052',
      '0053',
      '0054',
      '0056',
    ],
    onpeDoes: T(
      'Les codes passent par une colonne ENUM MySQL : un entier invalide entre 1 et le nombre de modalités est pris comme un rang (TYPEV 4 devient 3, DECISION 3 devient 2) et échappe au contrôle ou y entre à tort.',
      'Codes go through a MySQL ENUM column: an invalid integer between 1 and the number of members is taken as a position (TYPEV 4 becomes 3, DECISION 3 becomes 2) and escapes the check or wrongly enters it.',
    ),
    olinpeDoes: T(
      'Un code hors nomenclature est absent ; TYPEV et DECISION sont lus tels qu’écrits.',
      'A code outside the nomenclature is missing; TYPEV and DECISION are read as written.',
    ),
    why: T(
      'Artefact de la base de données d’ONPE, sans fondement dans le guide.',
      'An artefact of ONPE’s database, with no ground in the guide.',
    ),
    source: G18('fiches des variables (listes de codes)', 45),
  },
  {
    id: 'onpe-0045-natpdecadm-18',
    onpe: ['0045', '0046', '0047'],
    onpeDoes: T(
      'La condition d’accueil omet NATPDECADM 18 ; ACCMOD est comparé à la liste des codes de LIEUACC.',
      'The reception condition leaves out NATPDECADM 18; ACCMOD is compared with LIEUACC’s code list.',
    ),
    olinpeDoes: T(
      'NATPDECADM ∈ {11, 12, 13, 14, 15, 16, 18, 19, 21} ; ACCMOD contre ses propres codes {1, 2, 9}.',
      'NATPDECADM ∈ {11, 12, 13, 14, 15, 16, 18, 19, 21}; ACCMOD against its own codes {1, 2, 9}.',
    ),
    why: T('Condition de la fiche LIEUACC du guide.', 'The condition of the guide’s LIEUACC sheet.'),
    source: G18('fiche LIEUACC', 47),
  },
  {
    id: 'onpe-0049-typdecjud-99',
    onpe: ['0049'],
    onpeDoes: T(
      'TYPDECJUD = 99 (ne sait pas) compte comme absent : 99 manque à la liste.',
      'TYPDECJUD = 99 (ne sait pas) counts as missing: 99 is left out of the list.',
    ),
    olinpeDoes: T('99 est un code de TYPDECJUD : renseigné.', '99 is a TYPDECJUD code: filled.'),
    why: T('99 est le code « ne sait pas » de TYPDECJUD.', '99 is TYPDECJUD’s "ne sait pas" code.'),
    source: G18('fiche TYPDECJUD', 49),
  },
  {
    id: 'onpe-0050-placement-condition',
    onpe: ['0050', '0051'],
    onpeDoes: T('Condition NATDECASSED ∈ {17, 18}.', 'Condition NATDECASSED ∈ {17, 18}.'),
    olinpeDoes: T('Condition NATDECASSED ∈ {17, 18, 21, 22, 23}.', 'Condition NATDECASSED ∈ {17, 18, 21, 22, 23}.'),
    why: T(
      'La fiche du guide dit {17, 18, 21}, son chapitre V {17, 18, 22, 23} : olinpe prend l’union.',
      'The guide’s sheet says {17, 18, 21}, its chapter V {17, 18, 22, 23}: olinpe takes the union.',
    ),
    source: G18('fiches INSTITPLAC, NATDECPLAC ; V (cas particuliers)', 47),
  },
  {
    id: 'onpe-0052-lieuplac-20',
    onpe: ['0052', '0053', '0054'],
    onpeDoes: T(
      'LIEUPLAC = 20 (mesure décidée non mise en œuvre) compte comme absent ; la condition de placement omet NATDECASSED 21.',
      'LIEUPLAC = 20 (measure decided but not carried out) counts as missing; the placement condition leaves out NATDECASSED 21.',
    ),
    olinpeDoes: T(
      '20 est un code de LIEUPLAC (nomenclature, XSD) ; NATDECASSED ∈ {17, 18, 21, 22, 23}.',
      '20 is a LIEUPLAC code (nomenclature, XSD); NATDECASSED ∈ {17, 18, 21, 22, 23}.',
    ),
    why: T(
      'Le code 20 est dans la nomenclature et la XSD d’ONPE (la liste du guide 2018 ne l’a pas) ; la fiche LIEUPLAC du guide inclut 21.',
      'Code 20 is in ONPE’s nomenclature and XSD (the 2018 guide’s list lacks it); the guide’s LIEUPLAC sheet includes 21.',
    ),
    source: G18('fiche LIEUPLAC', 49),
  },
  {
    id: 'onpe-0056-chglieu',
    onpe: ['0056'],
    onpeDoes: T(
      'CHGLIEU exigé sur tout renouvellement (TYPEV 2), majeurs et aides à domicile compris.',
      'CHGLIEU required on every renewal (TYPEV 2), adults and home help included.',
    ),
    olinpeDoes: T(
      'Exigé sur un renouvellement d’un mineur quand la mesure est un accueil (NATPDECADM 11–16, 18, 19, 21) ou un placement (NATDECASSED 17, 18, 21, 22, 23).',
      'Required on a minor’s renewal when the measure is a reception (NATPDECADM 11–16, 18, 19, 21) or a placement (NATDECASSED 17, 18, 21, 22, 23).',
    ),
    why: T('Condition de la fiche CHGLIEU du guide.', 'The condition of the guide’s CHGLIEU sheet.'),
    source: G18('fiche CHGLIEU (variable 99)', 51),
  },
  {
    id: 'onpe-0058-datfin',
    onpe: ['0058'],
    onpeDoes: T(
      'DATFIN doit être une date valide de 2000 à 2099 ; TYPEV vide ou invalide compte comme « pas une fin ».',
      'DATFIN must be a valid date from 2000 to 2099; an empty or invalid TYPEV counts as "not an end".',
    ),
    olinpeDoes: T(
      'Toute DATFIN renseignée (hors « ne sait pas ») sur une ligne dont TYPEV n’est pas 3.',
      'Any filled DATFIN (but "ne sait pas") on a line whose TYPEV is not 3.',
    ),
    why: T(
      'La fin se renseigne seulement sur TYPEV 3, quelle que soit la forme de la date.',
      'The end is filled only on TYPEV 3, whatever the date’s form.',
    ),
    source: G18('III (ce qu’il faut renseigner selon TYPEV)', 6),
  },
  {
    id: 'onpe-0060-any-person',
    onpe: ['0060'],
    onpeDoes: T(
      'Une fin a son ouverture si une ligne TYPEV 1 ou 2 de n’importe quel jeune a le même DATDEB ; ne juge que les fins dont DATDEB est de la même année que DATFIN.',
      'An end has its opening when a TYPEV 1 or 2 line of any young person has the same DATDEB; only judges ends whose DATDEB is in the same year as DATFIN.',
    ),
    olinpeDoes: T(
      `L’ouverture est une ligne TYPEV 1 ou 2 du même jeune avec les mêmes ${LINK_VARIABLES.join(', ')} ; une fin dont DATDEB est avant l’année N n’est pas jugée (ouverture dans un fichier antérieur).`,
      `The opening is a TYPEV 1 or 2 line of the same young person with the same ${LINK_VARIABLES.join(', ')}; an end whose DATDEB is before year N is not judged (opening in an earlier file).`,
    ),
    why: T(
      'Les lignes liées d’une même mesure portent les mêmes variables de décision.',
      'The linked lines of one measure carry the same decision variables.',
    ),
    source: G18('III (variables identiques entre lignes liées)', 7),
  },
  {
    id: 'onpe-0036-unreadable-years',
    onpe: ['0036'],
    onpeDoes: T(
      'Une date partielle (2019-99-99) ou mal écrite compte « hors de l’année » ; sans DATDECPE dans le fichier, rien n’est hors périmètre ; avec l’année 9999, tout l’est.',
      'A partial (2019-99-99) or badly written date counts as "outside the year"; with no DATDECPE in the file nothing is out of scope; with year 9999 everything is.',
    ),
    olinpeDoes: T(
      'Une date dont l’année se lit compte pour cette année, même si le mois ou le jour est inconnu.',
      'A date whose year is readable counts for that year, even when the month or day is unknown.',
    ),
    why: T(
      'Le champ est défini par l’année des dates ; le guide permet 99 pour un jour ou un mois inconnu.',
      'The scope is defined by the dates’ year; the guide allows 99 for an unknown day or month.',
    ),
    source: G18('II (champ : DATDECPE, DATDEB ou DATFIN dans l’année N)', 4),
  },
  {
    id: 'onpe-0099-years',
    onpe: ['0099'],
    onpeDoes: T(
      'Jeunes par année : chaque ligne est rattachée à l’année de la dernière DATDECPE non vide lue (une ligne sans DATDECPE prend l’année de la précédente) ; un de moins pour l’année par défaut 2011.',
      'Young people per year: each line goes to the year of the last non-empty DATDECPE read (a line without DATDECPE takes the previous line’s year); one too few for the default year 2011.',
    ),
    olinpeDoes: T(
      'Lignes et jeunes distincts par année de leur propre DATDECPE ; une DATDECPE vide ou illisible n’est rattachée à aucune année.',
      'Lines and distinct young people per year of their own DATDECPE; an empty or unreadable DATDECPE goes to no year.',
    ),
    why: T('L’année d’une ligne est celle de sa décision.', 'A line’s year is that of its decision.'),
    source: G18('fiche DATDECPE', 43),
  },
];

/**
 * The discrepancies that affect an ONPE section.
 *
 * @example
 * discrepanciesOf('0049').map((d) => d.id); // ["onpe-enum-coercion", "onpe-0049-typdecjud-99"]
 */
export function discrepanciesOf(onpe: string): OnpeDiscrepancy[] {
  return ONPE_DISCREPANCIES.filter((d) => d.onpe.includes(onpe));
}
