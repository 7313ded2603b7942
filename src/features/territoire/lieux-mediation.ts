// Passerelle avec le schéma national des lieux de médiation numérique (LieuMediationNumerique,
// paquet npm @gouvfr-anct/lieux-de-mediation-numerique), dans les deux sens. Le paquet valide
// chaque lieu ; nous ne complétons jamais un champ que le schéma exige et que nous ignorons :
// un lieu sans adresse n'est pas exporté, et l'export dit lesquels manquent.
import { fromSchemaLieuDeMediationNumerique, toSchemaLieuMediationNumerique, type SchemaLieuMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { decouperCsv, type ErreurFichier, type Lecture, type LigneLue } from './fichiers-points.ts';
import type { Point } from './points-repository.ts';
import { TYPES_AIDE, type TypePoint } from './types-points.ts';

// Le schéma demande un SIRET ; « 00000000000000 » est sa valeur pour un pivot inconnu.
const PIVOT_INCONNU = '00000000000000';
// Ce que tout lieu d'aide du kit fait par définition : aider à la pré-demande en ligne.
const SERVICE_PRE_DEMANDE = 'Aide aux démarches administratives';
// Places read from the national schema are stored under this prefix, so their ids cannot
// collide with the keys of our own files; the export gives the bare id back.
const PREFIXE = 'lmn:';

/** The id a place carries in the national schema: its original id when it came from there. */
export function idLieuMediation(p: { cleSource: string | null; id: string }): string {
  if (p.cleSource?.startsWith(PREFIXE)) return p.cleSource.slice(PREFIXE.length);
  // Our own id, never another file's key: re-imported, it designates this very place.
  return p.id;
}

/** Our kinds in the schema's words, so a kind survives export then import. */
const TYPOLOGIE: Partial<Record<TypePoint, { typologie: string; dispositif?: string }>> = {
  msap: { typologie: 'RFS', dispositif: 'France Services' },
  msap_poste: { typologie: 'LA_POSTE|RFS', dispositif: 'France Services' },
  prefecture: { typologie: 'PREF' },
};

function typeDepuisSchema(typologies: readonly string[], dispositifs: readonly string[]): TypePoint {
  if (typologies.includes('PREF')) return 'prefecture';
  const franceServices = dispositifs.includes('France Services') || typologies.includes('MSAP') || typologies.includes('RFS');
  if (franceServices && typologies.includes('LA_POSTE')) return 'msap_poste';
  return franceServices ? 'msap' : 'espace_numerique';
}

/** The street part of our one-line address: the import appended « code postal commune ». */
function voieSeule(adresse: string, codePostal: string): string {
  const i = adresse.lastIndexOf(`, ${codePostal} `);
  return i > 0 ? adresse.slice(0, i) : adresse;
}

type LignesSchema = { ok: true; lignes: { ligne: number; brut: Record<string, unknown> }[]; erreurs: ErreurFichier[] } | { ok: false; erreurs: ErreurFichier[] };

function lignesSchema(texte: string): LignesSchema {
  const sansBom = texte.replace(/^\uFEFF/, '');
  if (sansBom.trimStart().startsWith('[')) {
    try {
      const donnees: unknown = JSON.parse(sansBom);
      if (!Array.isArray(donnees)) throw new Error();
      return { ok: true, erreurs: [], lignes: donnees.map((brut, i) => ({ ligne: i + 1, brut: (typeof brut === 'object' && brut !== null ? brut : {}) as Record<string, unknown> })) };
    } catch {
      return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier n’est pas une liste JSON valide de lieux.' }] };
    }
  }
  const [entete, ...reste] = decouperCsv(sansBom);
  if (!entete) return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier est vide.' }] };
  const numeriques = new Set(['latitude', 'longitude']);
  const erreurs: ErreurFichier[] = [];
  const lignes: { ligne: number; brut: Record<string, unknown> }[] = [];
  for (const { ligne, champs, guillemetNonFerme } of reste) {
    if (guillemetNonFerme) erreurs.push({ ligne, message: 'un guillemet ouvert sur cette ligne n’est jamais refermé : la suite du fichier n’a pas pu être lue.' });
    else if (champs.length !== entete.champs.length) erreurs.push({ ligne, message: `${champs.length} valeurs pour ${entete.champs.length} colonnes.` });
    else {
      const brut: Record<string, unknown> = Object.fromEntries(
        entete.champs.map((c, i): [string, string | number] => [c.trim(), numeriques.has(c.trim()) && champs[i] ? Number(champs[i]) : (champs[i] ?? '')]).filter(([, v]) => v !== ''),
      );
      lignes.push({ ligne, brut });
    }
  }
  return { ok: true, lignes, erreurs };
}

/** Lit un fichier au schéma national (JSON ou CSV) et le traduit en lignes de lieux à valider. */
export function lireLieuxMediationNumerique(texte: string): Lecture {
  const lu = lignesSchema(texte);
  if (!lu.ok) return lu;
  const lignes: LigneLue[] = [];
  const erreurs: ErreurFichier[] = [...lu.erreurs];
  for (const { ligne, brut } of lu.lignes) {
    try {
      const lieu = fromSchemaLieuDeMediationNumerique(brut as unknown as SchemaLieuMediationNumerique);
      const type = typeDepuisSchema((lieu.typologies ?? []).map(String), (lieu.dispositif_programmes_nationaux ?? []).map(String));
      const { voie, complement_adresse: complement, code_postal: codePostal, commune, code_insee: codeInsee } = lieu.adresse;
      if (!codeInsee) {
        erreurs.push({ ligne, message: 'code_insee manquant : le lieu ne peut pas être rattaché à une commune.' });
        continue;
      }
      lignes.push({
        ligne,
        cle: `${PREFIXE}${lieu.id}`,
        // An id we exported ourselves (a place's own id) designates that place.
        alias: [String(lieu.id)],
        saisie: {
          type,
          commune: codeInsee,
          nom: lieu.nom,
          adresse: [voie, complement, `${codePostal} ${commune}`].filter(Boolean).join(', '),
          telephone: lieu.contact?.telephone ?? '',
          site_web: lieu.contact?.site_web?.[0] ?? '',
          horaires: lieu.horaires ?? '',
          lat: lieu.localisation ? String(lieu.localisation.latitude) : '',
          lon: lieu.localisation ? String(lieu.localisation.longitude) : '',
          notes: lieu.presentation?.resume ?? '',
          ...(lieu.source ? { source: lieu.source } : {}),
        },
      });
    } catch (error) {
      erreurs.push({ ligne, message: `Schéma LieuMediationNumerique : ${error instanceof Error ? error.message : 'lieu invalide'}` });
    }
  }
  return erreurs.length > 0 ? { ok: false, erreurs, lignes } : { ok: true, lignes };
}

export interface ExportLieux {
  readonly lieux: SchemaLieuMediationNumerique[];
  readonly ecartes: { readonly nom: string; readonly raison: string }[];
}

/** Lieux d'aide ouverts au schéma national ; codes postaux des communes par code INSEE. */
export function exporterLieuxMediationNumerique(points: readonly Point[], communes: ReadonlyMap<string, { nom: string; codesPostaux: readonly string[] }>): ExportLieux {
  const lieux: SchemaLieuMediationNumerique[] = [];
  const ecartes: { nom: string; raison: string }[] = [];
  for (const p of points.filter((x) => x.ouvert && TYPES_AIDE.includes(x.type))) {
    if (p.demonstration) {
      ecartes.push({ nom: p.nom, raison: 'lieu fictif de démonstration' });
      continue;
    }
    const commune = communes.get(p.communeCode);
    const codePostal = commune?.codesPostaux.length === 1 ? commune.codesPostaux[0] : /\b\d{5}\b/.exec(p.adresse)?.[0];
    if (!p.adresse) ecartes.push({ nom: p.nom, raison: 'adresse inconnue (exigée par le schéma)' });
    else if (!commune || !codePostal) ecartes.push({ nom: p.nom, raison: 'code postal inconnu (la commune en a plusieurs)' });
    else {
      try {
        const brut: SchemaLieuMediationNumerique = {
          id: idLieuMediation(p),
          nom: p.nom,
          pivot: PIVOT_INCONNU,
          commune: commune.nom,
          code_postal: codePostal,
          code_insee: p.communeCode,
          adresse: voieSeule(p.adresse, codePostal),
          services: SERVICE_PRE_DEMANDE,
          date_maj: p.majLe.toISOString().slice(0, 10),
          source: p.source,
          ...(p.position?.precision === 'adresse' ? { latitude: p.position.lat, longitude: p.position.lon } : {}),
          ...(p.telephone ? { telephone: p.telephone } : {}),
          ...(p.siteWeb ? { site_web: p.siteWeb } : {}),
          ...(p.horaires ? { horaires: p.horaires } : {}),
          ...(p.notes ? { presentation_resume: p.notes } : {}),
          ...(TYPOLOGIE[p.type] ? { typologie: TYPOLOGIE[p.type]!.typologie } : {}),
          ...(TYPOLOGIE[p.type]?.dispositif ? { dispositif_programmes_nationaux: TYPOLOGIE[p.type]!.dispositif } : {}),
        };
        lieux.push(toSchemaLieuMediationNumerique(fromSchemaLieuDeMediationNumerique(brut)));
      } catch (error) {
        ecartes.push({ nom: p.nom, raison: error instanceof Error ? error.message : 'refusé par le schéma' });
      }
    }
  }
  return { lieux, ecartes };
}
