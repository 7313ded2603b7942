import { ageOn, type Today, type Validator } from '../../kernel/forms/index.ts';
import { estMobile } from '../../kernel/telephone/mobile.ts';
import { numeroValide } from '../timbre/index.ts';
import { communeCorrespondAuCodePostal } from './codes-postaux.ts';

// Letters of any alphabet with their accents, joined by one space, hyphen or apostrophe:
// "N’Diaye", "de La Fontaine", "Jean-Édouard", "Saint-Exupéry", "Ó Ceallaigh".
const NOM = /^\p{L}\p{M}*(?:[\p{L}\p{M}]|[ '’-](?=\p{L})|\.(?= |$))*$/u;

/** Each rule is a tiny predicate; its message lives in contenu.ts under the same name. */
export function validateursPreDemande(today: Today): Record<string, Validator> {
  return {
    nom: (value) => NOM.test(value),
    prenoms: (value) => value.split(/\s*,\s*|\s+/).every((part) => NOM.test(part)),
    lieu: (value) => /^[\p{L}\p{M}\d][\p{L}\p{M}\d '’()/-]*$/u.test(value),
    departement: (value) => /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6]|98[4-9])$/i.test(value),
    codePostal: (value) => /^(0[1-9]|[1-8]\d|9[0-8])\d{3}$/.test(value),
    communeDuCodePostal: (value, _args, answers) => !/^\d{5}$/.test(answers.codePostal ?? '') || communeCorrespondAuCodePostal(answers.codePostal!, value),
    mobile: (value) => estMobile(value),
    // CNI: 12 characters (before 2021) or 9 (since); passport: 9 (2 digits, 2 letters, 5 digits).
    numeroTitre: (value) => /^[A-Z0-9]{9}$|^[A-Z0-9]{12}$/i.test(value.replace(/\s/g, '')),
    numeroTimbre: (value) => /^\d{16}$/.test(value.replace(/[\s.-]/g, '')),
    /** The check digits of the stamp shop's numbers catch a mistyped or swapped digit. */
    clefTimbre: (value) => numeroValide(value.replace(/[\s.-]/g, '')),
    /** A pré-demande "pour moi" is an adult's; one for a minor is for someone under 18 today. */
    ageCoherent: (value, _args, answers) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !answers.pour) return true;
      const age = ageOn(value, today());
      return answers.pour === 'mineur' ? age < 18 : age >= 18;
    },
  };
}
