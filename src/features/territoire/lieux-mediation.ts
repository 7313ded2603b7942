// Passerelle avec le schéma national des lieux de médiation numérique (LieuMediationNumerique,
// paquet npm @gouvfr-anct/lieux-de-mediation-numerique), dans les deux sens. Le paquet valide
// chaque lieu ; nous ne complétons jamais un champ que le schéma exige et que nous ignorons :
// un lieu sans adresse n'est pas exporté, et l'export dit lesquels manquent.
import { fromSchemaLieuDeMediationNumerique, toSchemaLieuMediationNumerique, type SchemaLieuMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { decouperCsv, type ErreurFichier, type Lecture, type LigneLue } from './fichiers-points.ts';
import type { Point } from './points-repository.ts';
import { TYPES_AIDE } from './types-points.ts';

// Le schéma demande un SIRET ; « 00000000000000 » est sa valeur pour un pivot inconnu.
const PIVOT_INCONNU = '00000000000000';
// Ce que tout lieu d'aide du kit fait par définition : aider à la pré-demande en ligne.
const SERVICE_PRE_DEMANDE = 'Aide aux démarches administratives';

function lignesSchema(texte: string): { ok: true; lignes: { ligne: number; brut: Record<string, unknown> }[] } | { ok: false; erreurs: ErreurFichier[] } {
  const sansBom = texte.replace(/^\uFEFF/, '');
  if (sansBom.trimStart().startsWith('[')) {
    try {
      const donnees: unknown = JSON.parse(sansBom);
      if (!Array.isArray(donnees)) throw new Error();
      return { ok: true, lignes: donnees.map((brut, i) => ({ ligne: i + 1, brut: (typeof brut === 'object' && brut !== null ? brut : {}) as Record<string, unknown> })) };
    } catch {
      return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier n’est pas une liste JSON valide de lieux.' }] };
    }
  }
  const [entete, ...reste] = decouperCsv(sansBom);
  if (!entete) return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier est vide.' }] };
  const numeriques = new Set(['latitude', 'longitude']);
  return {
    ok: true,
    lignes: reste.map(({ ligne, champs }) => ({
      ligne,
      brut: Object.fromEntries(entete.champs.map((c, i) => [c.trim(), numeriques.has(c.trim()) && champs[i] ? Number(champs[i]) : (champs[i] ?? '')]).filter(([, v]) => v !== '')),
    })),
  };
}

/** Lit un fichier au schéma national (JSON ou CSV) et le traduit en lignes de lieux à valider. */
export function lireLieuxMediationNumerique(texte: string): Lecture {
  const lu = lignesSchema(texte);
  if (!lu.ok) return lu;
  const lignes: LigneLue[] = [];
  const erreurs: ErreurFichier[] = [];
  for (const { ligne, brut } of lu.lignes) {
    try {
      const lieu = fromSchemaLieuDeMediationNumerique(brut as unknown as SchemaLieuMediationNumerique);
      const franceServices = (lieu.dispositif_programmes_nationaux ?? []).some((d) => d === 'France Services') || (lieu.typologies ?? []).some((t) => t === 'MSAP' || t === 'RFS');
      const { voie, complement_adresse: complement, code_postal: codePostal, commune, code_insee: codeInsee } = lieu.adresse;
      lignes.push({
        ligne,
        cle: `lmn:${lieu.id}`,
        saisie: {
          type: franceServices ? 'msap' : 'espace_numerique',
          commune: codeInsee ?? '',
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
      if (!codeInsee) erreurs.push({ ligne, message: 'code_insee manquant : le lieu ne peut pas être rattaché à une commune.' });
    } catch (error) {
      erreurs.push({ ligne, message: `Schéma LieuMediationNumerique : ${error instanceof Error ? error.message : 'lieu invalide'}` });
    }
  }
  return erreurs.length > 0 ? { ok: false, erreurs } : { ok: true, lignes };
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
    const commune = communes.get(p.communeCode);
    const codePostal = commune?.codesPostaux.length === 1 ? commune.codesPostaux[0] : /\b\d{5}\b/.exec(p.adresse)?.[0];
    if (!p.adresse) ecartes.push({ nom: p.nom, raison: 'adresse inconnue (exigée par le schéma)' });
    else if (!commune || !codePostal) ecartes.push({ nom: p.nom, raison: 'code postal inconnu (la commune en a plusieurs)' });
    else {
      try {
        const brut: SchemaLieuMediationNumerique = {
          id: p.cleSource ?? p.id,
          nom: p.nom,
          pivot: PIVOT_INCONNU,
          commune: commune.nom,
          code_postal: codePostal,
          code_insee: p.communeCode,
          adresse: p.adresse,
          services: SERVICE_PRE_DEMANDE,
          date_maj: p.majLe.toISOString().slice(0, 10),
          source: p.source,
          ...(p.position?.precision === 'adresse' ? { latitude: p.position.lat, longitude: p.position.lon } : {}),
          ...(p.telephone ? { telephone: p.telephone } : {}),
          ...(p.siteWeb ? { site_web: p.siteWeb } : {}),
          ...(p.horaires ? { horaires: p.horaires } : {}),
        };
        lieux.push(toSchemaLieuMediationNumerique(fromSchemaLieuDeMediationNumerique(brut)));
      } catch (error) {
        ecartes.push({ nom: p.nom, raison: error instanceof Error ? error.message : 'refusé par le schéma' });
      }
    }
  }
  return { lieux, ecartes };
}
