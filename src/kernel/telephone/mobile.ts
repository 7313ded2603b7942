/**
 * French mobile numbers, the one rule: the account, the pré-demande, the Cerfa, the stamp
 * shop and the SMS sender all go through it. Numbers are stored in E.164 (+33612345678,
 * +262692123456) and shown as people read them.
 *
 * The French numbering plan gives overseas départements mobiles of their own under 06: a
 * number typed « 06 92 12 34 56 » is in La Réunion (+262 692…), not in metropolitan France
 * (+33 692… does not exist) — the mistake that once lost the « titre disponible » SMS.
 */

/** Overseas mobile ranges of the national plan (06 + three digits) and their country code. */
const OUTRE_MER: ReadonlyArray<{ prefixe: string; indicatif: string }> = [
  { prefixe: '0639', indicatif: '262' }, // Mayotte
  { prefixe: '0692', indicatif: '262' }, // La Réunion
  { prefixe: '0693', indicatif: '262' },
  { prefixe: '0690', indicatif: '590' }, // Guadeloupe, Saint-Martin, Saint-Barthélemy
  { prefixe: '0691', indicatif: '590' },
  { prefixe: '0694', indicatif: '594' }, // Guyane
  { prefixe: '0696', indicatif: '596' }, // Martinique
  { prefixe: '0697', indicatif: '596' },
];

/** Collectivities with their own plan: country code, subscriber length, mobile first digits. */
const COLLECTIVITES: ReadonlyArray<{ indicatif: string; chiffres: number; mobile: RegExp }> = [
  { indicatif: '508', chiffres: 6, mobile: /^[45]/ }, // Saint-Pierre-et-Miquelon
  { indicatif: '681', chiffres: 6, mobile: /^8/ }, // Wallis-et-Futuna
  { indicatif: '687', chiffres: 6, mobile: /^[2-9]/ }, // Nouvelle-Calédonie
  { indicatif: '689', chiffres: 8, mobile: /^8[79]/ }, // Polynésie française
];

const compacter = (saisie: string) => saisie.trim().replace(/[\s.\-()\u00a0\u202f]/g, '').replace(/^00/, '+');

/** The E.164 form of a French mobile number as typed, or undefined when it is not one. */
export function mobileE164(saisie: string): string | undefined {
  const compact = compacter(saisie);
  // National form (06…, 07…), or +33 with the national number.
  const national = /^0([67]\d{8})$/.exec(compact)?.[1] ?? /^\+33([67]\d{8})$/.exec(compact)?.[1];
  if (national) {
    const outreMer = OUTRE_MER.find((o) => `0${national}`.startsWith(o.prefixe));
    return outreMer ? `+${outreMer.indicatif}${national}` : `+33${national}`;
  }
  // An overseas département in international form: +262 692 12 34 56.
  const dom = /^\+(262|590|594|596)(6\d{8})$/.exec(compact);
  if (dom && OUTRE_MER.some((o) => o.indicatif === dom[1] && `0${dom[2]}`.startsWith(o.prefixe))) return `+${dom[1]}${dom[2]}`;
  for (const c of COLLECTIVITES) {
    const match = new RegExp(`^\\+${c.indicatif}(\\d{${c.chiffres}})$`).exec(compact);
    if (match && c.mobile.test(match[1]!)) return `+${c.indicatif}${match[1]}`;
  }
  return undefined;
}

export function estMobile(saisie: string): boolean {
  return mobileE164(saisie) !== undefined;
}

/** As people read their number: 06 12 34 56 78, 06 92 12 34 56 (La Réunion), +687 75 12 34. */
export function formaterMobile(numero: string): string {
  const e164 = mobileE164(numero);
  if (!e164) return numero;
  const enPaires = (chiffres: string) => chiffres.replace(/(\d{2})(?=\d)/g, '$1 ');
  const metropole = /^\+33(\d{9})$/.exec(e164)?.[1];
  if (metropole) return enPaires(`0${metropole}`);
  const dom = /^\+(?:262|590|594|596)(\d{9})$/.exec(e164)?.[1];
  if (dom) return enPaires(`0${dom}`);
  const collectivite = /^\+(\d{3})(\d+)$/.exec(e164)!;
  return `+${collectivite[1]} ${enPaires(collectivite[2]!)}`;
}

/** What the forms say when a number is refused. */
export const MOBILE_INVALIDE = 'Saisissez un numéro de mobile français, par exemple 06 12 34 56 78 (ou +262 692 12 34 56 outre-mer).';
