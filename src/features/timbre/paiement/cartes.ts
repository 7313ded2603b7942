/**
 * Card checks of the sandbox's hosted page, pure. Card data exists only in the request
 * that carries it: nothing here stores or logs it.
 */
export type Issue = 'succes' | 'refus' | 'fonds-insuffisants' | 'echec-3ds' | 'sans-notification';

export const CARTES_DE_TEST: ReadonlyArray<{ numero: string; issue: Issue; effet: string }> = [
  { numero: '4970100000000014', issue: 'succes', effet: 'Paiement accepté après la confirmation 3-D Secure' },
  { numero: '4970100000000022', issue: 'refus', effet: 'Paiement refusé par la banque' },
  { numero: '4970100000000030', issue: 'fonds-insuffisants', effet: 'Paiement refusé : provision insuffisante' },
  { numero: '4970100000000048', issue: 'echec-3ds', effet: 'Échec de l’authentification 3-D Secure' },
  { numero: '4970100000000055', issue: 'sans-notification', effet: 'Paiement accepté, mais la notification au guichet se perd (seul le retour du navigateur informe le guichet)' },
];

export const CODE_3DS_DE_TEST = '123456';

export function luhnValide(numero: string): boolean {
  if (!/^\d{12,19}$/.test(numero)) return false;
  let somme = 0;
  for (let i = 0; i < numero.length; i += 1) {
    let chiffre = Number(numero[numero.length - 1 - i]);
    if (i % 2 === 1) {
      chiffre *= 2;
      if (chiffre > 9) chiffre -= 9;
    }
    somme += chiffre;
  }
  return somme % 10 === 0;
}

export interface SaisieCarte {
  numero: string;
  expiration: string;
  cvv: string;
}

export type ErreursCarte = Partial<Record<keyof SaisieCarte, string>>;

export function verifierCarte(saisie: SaisieCarte, now: Date): { erreurs: ErreursCarte; issue?: Issue } {
  const erreurs: ErreursCarte = {};
  const numero = saisie.numero.replace(/[\s-]/g, '');
  if (!numero) erreurs.numero = 'Saisissez le numéro de la carte.';
  else if (!luhnValide(numero)) erreurs.numero = 'Numéro de carte invalide : vérifiez les chiffres saisis.';
  const exp = /^(\d{2})\s*\/\s*(\d{2})$/.exec(saisie.expiration.trim());
  if (!saisie.expiration.trim()) erreurs.expiration = 'Saisissez la date d’expiration.';
  else if (!exp || Number(exp[1]) < 1 || Number(exp[1]) > 12) erreurs.expiration = 'Date d’expiration au format MM/AA, par exemple 09/28.';
  else {
    // A card is valid until the last day of its expiry month.
    const finDeMois = Date.UTC(2000 + Number(exp[2]), Number(exp[1]), 1);
    if (finDeMois <= now.getTime()) erreurs.expiration = 'Cette carte est expirée.';
  }
  if (!saisie.cvv.trim()) erreurs.cvv = 'Saisissez le cryptogramme visuel.';
  else if (!/^\d{3}$/.test(saisie.cvv.trim())) erreurs.cvv = 'Le cryptogramme visuel comporte 3 chiffres, au dos de la carte.';
  if (Object.keys(erreurs).length > 0) return { erreurs };
  const carte = CARTES_DE_TEST.find((c) => c.numero === numero);
  if (!carte) return { erreurs: { numero: 'Environnement de test : utilisez l’une des cartes de test listées sur cette page.' } };
  return { erreurs, issue: carte.issue };
}
