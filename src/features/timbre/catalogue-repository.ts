import { sql } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';

interface CatalogueTables {
  timbre_catalogue: {
    code: string;
    libelle: string;
    demarche: string;
    usage: string;
    montant_centimes: number;
    conditions: string;
    en_vigueur_du: string;
    en_vigueur_au: string | null;
  };
}

export interface EntreeCatalogue {
  code: string;
  libelle: string;
  demarche: string;
  usage: string;
  montantCentimes: number;
  conditions: string;
}

/** Tariffs are rows with a start date: the one in force on a day is the latest started. */
export function catalogueRepository(db: Db) {
  const t = tables<CatalogueTables>(db);
  const enVigueur = (jour: Date) => {
    const iso = jour.toISOString().slice(0, 10);
    return t
      .selectFrom('timbre_catalogue')
      .select(['code', 'libelle', 'demarche', 'usage', 'montant_centimes', 'conditions'])
      .where(sql<boolean>`en_vigueur_du <= ${iso}::date`)
      .where((eb) => eb.or([eb('en_vigueur_au', 'is', null), sql<boolean>`en_vigueur_au > ${iso}::date`]))
      .orderBy('code')
      .orderBy('en_vigueur_du', 'desc')
      .distinctOn('code');
  };
  const toEntree = (row: Omit<CatalogueTables['timbre_catalogue'], 'en_vigueur_du' | 'en_vigueur_au'>): EntreeCatalogue => ({
    code: row.code,
    libelle: row.libelle,
    demarche: row.demarche,
    usage: row.usage,
    montantCentimes: row.montant_centimes,
    conditions: row.conditions,
  });
  return {
    async lister(jour: Date): Promise<EntreeCatalogue[]> {
      return (await enVigueur(jour).execute()).map(toEntree);
    },
    async trouver(code: string, jour: Date): Promise<EntreeCatalogue | undefined> {
      const row = await enVigueur(jour).where('code', '=', code).executeTakeFirst();
      return row && toEntree(row);
    },
    /** A new tariff from a date on (used by administration and tests), never an edit of the old one. */
    async ajouterTarif(entree: EntreeCatalogue, du: Date) {
      await t
        .insertInto('timbre_catalogue')
        .values({
          code: entree.code,
          libelle: entree.libelle,
          demarche: entree.demarche,
          usage: entree.usage,
          montant_centimes: entree.montantCentimes,
          conditions: entree.conditions,
          en_vigueur_du: du.toISOString().slice(0, 10),
          en_vigueur_au: null,
        })
        .execute();
    },
  };
}
export type CatalogueRepository = ReturnType<typeof catalogueRepository>;
