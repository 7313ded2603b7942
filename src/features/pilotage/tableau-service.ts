// Assembles the dashboard from the aggregates: one pass of grouped queries, then pure
// arithmetic (calculs.ts). Nothing here reads an application or its history.
import type { Db } from '../../kernel/db/database.ts';
import { classerParEcart, comptes, delais, ecart, parTitre, regrouper, tendance, VIDE, type Comptes, type Delais, type ParTitre } from './calculs.ts';
import { decalerMois, departementDe, moisDeLaPeriode, SEUIL_DEMANDES_PAR_DISPOSITIF, type Periode, type Perimetre, type Titre } from './modele.ts';
import { pilotageRepository, type Selection } from './pilotage-repository.ts';
import type { Referentiel } from './referentiel.ts';
import { sourcesExternesRepository } from './sources-externes-repository.ts';

export interface LigneMairie {
  commune: string;
  nom: string;
  arrondissement: string | null;
  comptes: Comptes;
  parTitre: ParTitre;
  /** Gap to the reference rate (département, or national for the whole country), in points. */
  ecart: number | null;
  volume12Mois: number;
  dispositifs: number;
  /** false: the territory data does not give the number of devices; 1 is assumed. */
  dispositifsConnus: boolean;
  parDispositif: number;
  surcharge: boolean;
  remis: number;
  detruits: number;
  delais: Delais | undefined;
  /** Month by month (not computed for the whole country). */
  parMois: Map<string, Comptes> | undefined;
}

export interface Tableau {
  perimetre: Perimetre;
  periode: Periode;
  titre: Titre | undefined;
  arrondissement: string | undefined;
  total: Comptes;
  parTitre: ParTitre;
  tendance: ReturnType<typeof tendance>;
  mois: { mois: string; comptes: Comptes; parTitre: ParTitre }[];
  mairies: LigneMairie[];
  departements: { departement: string; comptes: Comptes }[];
  fenetreVolumes: Periode;
  delais: Delais;
  remis: number;
  detruits: number;
  timbres: { vendus: number; consommes: number };
  preDemandesExpirees: number;
  /** Pré-demandes validated in an assisted session, per espace numérique that helped. */
  accompagnees: { commune: string; nom: string; nombre: number }[];
}

export interface Demande {
  perimetre: Perimetre;
  periode: Periode;
  titre?: Titre | undefined;
  arrondissement?: string | undefined;
}

function grouperPar<L>(lignes: readonly L[], cle: (l: L) => string): Map<string, L[]> {
  const groupes = new Map<string, L[]>();
  for (const l of lignes) {
    const g = groupes.get(cle(l));
    if (g) g.push(l);
    else groupes.set(cle(l), [l]);
  }
  return groupes;
}

export function tableauService(deps: { db: Db; referentiel: Referentiel }) {
  const repo = pilotageRepository(deps.db);
  const sources = sourcesExternesRepository(deps.db);
  const ref = deps.referentiel;

  return {
    async construire(d: Demande): Promise<Tableau> {
      const departement = d.perimetre.niveau === 'national' ? undefined : d.perimetre.departement;
      const communes = d.arrondissement && departement ? ref.communesDe(departement, d.arrondissement) : undefined;
      const s: Selection = { perimetre: d.perimetre, periode: d.periode, titre: d.titre, communes };
      const fenetreVolumes = { du: decalerMois(d.periode.au, -11), au: d.periode.au };
      const national = d.perimetre.niveau === 'national';
      // DR mairies come from the territory only for the département loaded in the platform.
      const drConnus = departement === ref.departementCharge ? await ref.mairiesDR() : [];

      const parCommuneRows = await repo.recueilsParCommune(s);
      const parMoisRows = await repo.recueilsParMois(s);
      const matrice = national ? [] : await repo.recueilsParCommuneEtMois(s);
      // The 12-month window is often the period itself: the rows already read then serve twice.
      const memesLignes = !d.titre && fenetreVolumes.du === d.periode.du;
      const volumes = regrouper(memesLignes ? parCommuneRows : await repo.recueilsParCommune({ ...s, titre: undefined, periode: fenetreVolumes }), (l) => l.commune);
      const transitions = await repo.transitionsParCommune(s, ['remise', 'detruite']);
      const histogrammes = national ? await repo.delaisNationaux(d.periode, d.titre) : await repo.delais(s);
      const lieu = d.perimetre.niveau === 'commune' ? { commune: d.perimetre.commune } : departement ? { departement } : undefined;
      const timbres = await sources.timbres({ periode: d.periode, titre: d.titre, communes: lieu });
      const preDemandesExpirees = await sources.preDemandesExpirees(d.periode);
      const accompagnees = (await repo.accompagneesParCommune(s)).map((l) => ({ commune: l.commune, nom: ref.nom(l.commune), nombre: l.nombre }));

      const total = parTitre(parCommuneRows);
      const totalComptes = comptes(total.cni.preDemandes + total.passeport.preDemandes, total.cni.cerfa + total.passeport.cerfa);
      const mois = moisDeLaPeriode(d.periode).map((m) => {
        const t = parTitre(parMoisRows.filter((r) => r.mois === m));
        return { mois: m, parTitre: t, comptes: comptes(t.cni.preDemandes + t.passeport.preDemandes, t.cni.cerfa + t.passeport.cerfa) };
      });

      const dansPerimetre = (code: string) => (d.perimetre.niveau === 'commune' ? code === d.perimetre.commune : !communes || communes.includes(code));
      const codes = new Set([...parCommuneRows.map((r) => r.commune), ...drConnus.map((m) => m.commune).filter(dansPerimetre)]);
      const dr = new Map(drConnus.map((m) => [m.commune, m]));
      const lignesDe = grouperPar(parCommuneRows, (r) => r.commune);
      const matriceDe = grouperPar(matrice, (r) => r.commune);
      const transitionsDe = grouperPar(transitions, (r) => `${r.commune}|${r.vers}`);
      const histogrammesDe = grouperPar(histogrammes, (r) => r.commune);
      const mairies = [...codes].map((commune): LigneMairie => {
        const t = parTitre(lignesDe.get(commune) ?? []);
        const c = comptes(t.cni.preDemandes + t.passeport.preDemandes, t.cni.cerfa + t.passeport.cerfa);
        const connus = dr.get(commune)?.dispositifs ?? null;
        const dispositifs = connus ?? Math.max(1, dr.get(commune)?.points ?? 1);
        const volume12Mois = volumes.get(commune)?.total ?? 0;
        const compte = (vers: string) => (transitionsDe.get(`${commune}|${vers}`) ?? []).reduce((n, r) => n + r.nombre, 0);
        return {
          commune,
          nom: ref.nom(commune),
          arrondissement: ref.arrondissement(commune),
          comptes: c,
          parTitre: t,
          ecart: ecart(c.taux, totalComptes.taux),
          volume12Mois,
          dispositifs,
          dispositifsConnus: connus !== null,
          parDispositif: volume12Mois / dispositifs,
          surcharge: volume12Mois / dispositifs > SEUIL_DEMANDES_PAR_DISPOSITIF,
          remis: compte('remise'),
          detruits: compte('detruite'),
          delais: national ? undefined : delais(histogrammesDe.get(commune) ?? []),
          parMois: national ? undefined : regrouper(matriceDe.get(commune) ?? [], (r) => r.mois),
        };
      });

      const parDepartement = regrouper(parCommuneRows, (r) => departementDe(r.commune));
      return {
        perimetre: d.perimetre,
        periode: d.periode,
        titre: d.titre,
        arrondissement: d.arrondissement,
        total: totalComptes,
        parTitre: total,
        tendance: tendance(mois),
        mois,
        mairies: classerParEcart(mairies),
        departements: [...parDepartement].map(([dep, c]) => ({ departement: dep, comptes: c ?? VIDE })).sort((a, b) => a.departement.localeCompare(b.departement)),
        fenetreVolumes,
        delais: delais(histogrammes),
        remis: transitions.filter((r) => r.vers === 'remise').reduce((n, r) => n + r.nombre, 0),
        detruits: transitions.filter((r) => r.vers === 'detruite').reduce((n, r) => n + r.nombre, 0),
        timbres,
        preDemandesExpirees,
        accompagnees,
      };
    },
  };
}
export type TableauService = ReturnType<typeof tableauService>;
