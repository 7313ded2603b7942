// Empreinte bon marché des données du territoire : elle change dès qu'un lieu ou une commune
// est créé, modifié, fermé, supprimé ou reçoit un contour, quelle que soit l'instance (ou la
// ligne de commande) qui l'a fait. Les documents générés (le kit) s'en servent de clé de cache.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';

export async function versionTerritoire(db: Db): Promise<string> {
  // count + max + somme des dates : une suppression, un ajout ou une modification datée
  // plus tôt que le maximum (horloges de deux instances) changent toujours l'empreinte.
  const r = await sql<{ p: string; c: string }>`
    select
      (select count(*) || ':' || coalesce(max(extract(epoch from updated_at)), 0) || ':' || coalesce(sum(extract(epoch from updated_at)), 0) from points_accueil) as p,
      (select count(*) || ':' || coalesce(max(extract(epoch from updated_at)), 0) || ':' || coalesce(sum(extract(epoch from updated_at)), 0) from communes) as c
  `.execute(db);
  const ligne = r.rows[0];
  return ligne ? `${ligne.p}|${ligne.c}` : '';
}
