// Two figures come from other features' tables (0003 timbre, 0004 pré-demande), read here
// as plain counts over the period: stamps sold vs consumed, and pré-demandes that expired
// without being used at a recueil. Neither table knows a commune at purchase or expiry, so
// these two figures cover the whole platform, and the page says so.
import { sql } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import { moisSuivant, type Periode, type Titre } from './modele.ts';
import { finDePrefixe } from './pilotage-repository.ts';

interface SourcesTables {
  timbres: { numero: string; code: string; achete_le: Date };
  timbre_consommations: { numero: string; commune: string | null; consomme_le: Date };
  pre_demandes: { statut: string; expire_le: Date | null };
}

export interface FiltreSources {
  periode: Periode;
  titre?: Titre | undefined;
  /** Consumptions are located by commune; undefined: every commune. */
  communes?: { commune: string } | { departement: string } | undefined;
}

const bornes = (p: Periode) => ({ debut: new Date(`${p.du}-01T00:00:00Z`), fin: new Date(`${moisSuivant(p.au)}-01T00:00:00Z`) });

export function sourcesExternesRepository(db: Db) {
  const t = tables<SourcesTables>(db);
  return {
    async timbres(f: FiltreSources) {
      const { debut, fin } = bornes(f.periode);
      let vendus = t.selectFrom('timbres').select(sql<number>`count(*)::int`.as('n')).where('achete_le', '>=', debut).where('achete_le', '<', fin);
      if (f.titre) vendus = vendus.where('code', 'like', `${f.titre}%`);
      let consommes = t
        .selectFrom('timbre_consommations as c')
        .innerJoin('timbres as t', 't.numero', 'c.numero')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('c.consomme_le', '>=', debut)
        .where('c.consomme_le', '<', fin);
      if (f.titre) consommes = consommes.where('t.code', 'like', `${f.titre}%`);
      const lieu = f.communes;
      if (lieu && 'commune' in lieu) consommes = consommes.where('c.commune', '=', lieu.commune);
      if (lieu && 'departement' in lieu) consommes = consommes.where(sql<boolean>`(c.commune collate "C") >= ${lieu.departement} and (c.commune collate "C") < ${finDePrefixe(lieu.departement)}`);
      const [v, c] = await Promise.all([vendus.executeTakeFirst(), consommes.executeTakeFirst()]);
      return { vendus: v?.n ?? 0, consommes: c?.n ?? 0 };
    },
    async preDemandesExpirees(periode: Periode) {
      const { debut, fin } = bornes(periode);
      const r = await t.selectFrom('pre_demandes').select(sql<number>`count(*)::int`.as('n')).where('statut', '=', 'expiree').where('expire_le', '>=', debut).where('expire_le', '<', fin).executeTakeFirst();
      return r?.n ?? 0;
    },
  };
}
