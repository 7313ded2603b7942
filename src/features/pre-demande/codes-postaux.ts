import { createRequire } from 'node:module';

/**
 * Postcode ↔ commune consistency, from the COG data of @etalab/decoupage-administratif.
 * Loaded once, on first use. A postcode the data does not know (CEDEX…) is not refused:
 * the check is there to catch typing slips, not to block a real address.
 */
interface CommuneCog {
  code: string;
  nom: string;
  codesPostaux?: string[];
}

// Postcode → normalised commune name → INSEE code.
let index: Map<string, Map<string, string>> | undefined;

export function normaliserNomCommune(nom: string): string {
  return nom
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’.\s]+/g, ' ')
    .trim()
    .replace(/^(st|ste)\s/, (m) => (m.trim() === 'st' ? 'saint ' : 'sainte '))
    .replace(/\s(st|ste)\s/g, (m) => (m.trim() === 'st' ? ' saint ' : ' sainte '));
}

function load(): Map<string, Map<string, string>> {
  const communes = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CommuneCog[];
  const map = new Map<string, Map<string, string>>();
  for (const commune of communes) {
    for (const code of commune.codesPostaux ?? []) {
      if (!map.has(code)) map.set(code, new Map());
      const noms = map.get(code)!;
      if (!noms.has(normaliserNomCommune(commune.nom))) noms.set(normaliserNomCommune(commune.nom), commune.code);
    }
  }
  return map;
}

export function communeCorrespondAuCodePostal(codePostal: string, commune: string): boolean {
  index ??= load();
  const noms = index.get(codePostal);
  return !noms || noms.has(nomSansCedex(commune));
}

/** The commune's INSEE code, when postcode and name designate one (to find the nearest mairies). */
export function codeInseeDe(codePostal: string, commune: string): string | undefined {
  index ??= load();
  return index.get(codePostal)?.get(nomSansCedex(commune));
}

const nomSansCedex = (commune: string) => normaliserNomCommune(commune).replace(/\s(cedex)(\s\d+)?$/, '');
