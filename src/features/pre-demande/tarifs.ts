import { ageOn, type Answers } from '../../kernel/forms/index.ts';

/**
 * Prices of the timbre fiscal for a title (art. 953 du code général des impôts). Kept here
 * until the stamp shop's catalogue is reachable through its index; the amounts are the
 * legal ones, not demonstration data.
 */
export const TARIFS = {
  passeportMajeur: { montant: 86, libelle: 'Passeport d’une personne majeure' },
  passeportMineur15: { montant: 42, libelle: 'Passeport d’un mineur de 15 ans ou plus' },
  passeportMineur: { montant: 17, libelle: 'Passeport d’un mineur de moins de 15 ans' },
  cniPerteVol: { montant: 25, libelle: 'Carte d’identité après perte ou vol' },
} as const;
export type Tarif = keyof typeof TARIFS;

/** The stamp shop's catalogue `usage` of each tariff (POST /timbre/depuis-pre-demande pre-selects by usage). */
export const USAGES_TIMBRE: Record<Tarif, string> = {
  passeportMajeur: 'passeport-majeur',
  passeportMineur15: 'passeport-mineur-15',
  passeportMineur: 'passeport-mineur-moins-15',
  cniPerteVol: 'cni-perte-vol',
};

export interface TimbreRequis {
  tarif: Tarif;
  titre: 'passeport' | 'cni';
  montant: number;
  libelle: string;
}

/** The stamps the answers call for, priced for the age the person has on `jour`. */
export function timbresRequis(answers: Answers, jour: string): TimbreRequis[] {
  const stamps: TimbreRequis[] = [];
  const birth = answers.dateNaissance;
  if (answers.titre === 'passeport' || answers.titre === 'les-deux') {
    const age = birth ? ageOn(birth, jour) : 18;
    const tarif: Tarif = age >= 18 ? 'passeportMajeur' : age >= 15 ? 'passeportMineur15' : 'passeportMineur';
    stamps.push({ tarif, titre: 'passeport', ...TARIFS[tarif] });
  }
  if ((answers.titre === 'cni' || answers.titre === 'les-deux') && (answers.motif === 'perte' || answers.motif === 'vol')) {
    stamps.push({ tarif: 'cniPerteVol', titre: 'cni', ...TARIFS.cniPerteVol });
  }
  return stamps;
}

export function totalTimbres(stamps: TimbreRequis[]) {
  return stamps.reduce((sum, stamp) => sum + stamp.montant, 0);
}

/**
 * The age that counts is the one on the day of the recueil: a 15th or 18th birthday
 * before it (within the pré-demande's validity) changes the passport's price.
 */
export function anniversaireQuiChangeLePrix(answers: Answers, jour: string, jusquau: string): { age: 15 | 18; date: string } | undefined {
  const birth = answers.dateNaissance;
  if (!birth || !(answers.titre === 'passeport' || answers.titre === 'les-deux')) return undefined;
  for (const age of [15, 18] as const) {
    const date = `${Number(birth.slice(0, 4)) + age}${birth.slice(4)}`.replace(/-02-29$/, '-03-01');
    if (date > jour && date <= jusquau) return { age, date };
  }
  return undefined;
}
