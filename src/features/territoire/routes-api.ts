// API publique en lecture, documentée par le document OpenAPI de openapi.ts. Erreurs :
// { code, message } avec un code stable et un message en français.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CommuneEnBase } from './communes-repository.ts';
import type { Point } from './points-repository.ts';
import { listeParam, texteParam } from './saisie.ts';
import { estTypePoint, LIBELLE_COURT, TYPES_POINT, CE_QUE_FAIT } from './types-points.ts';
import type { TerritoireService } from './territoire-service.ts';
import type { ResultatRecherche } from './reference/index.ts';

export const ERREURS_API = {
  REQUETE_VIDE: 'Le paramètre est vide : indiquez un nom de commune, un code postal ou un code INSEE.',
  REQUETE_TROP_LONGUE: 'Le paramètre dépasse 100 caractères.',
  COMMUNE_INCONNUE: 'Aucune commune ne correspond à cette saisie.',
  TYPE_INCONNU: `Type de point inconnu ; types valides : ${TYPES_POINT.join(', ')}.`,
  CODE_INSEE_INVALIDE: 'Le filtre commune attend un code INSEE de 5 caractères.',
} as const;

function erreur(reply: FastifyReply, status: number, code: keyof typeof ERREURS_API) {
  return reply.status(status).send({ code, message: ERREURS_API[code] });
}

export function pointEnFeature(p: Point & { distanceKm?: number }, communeNom: string) {
  return {
    type: 'Feature' as const,
    id: p.id,
    geometry: p.position ? { type: 'Point' as const, coordinates: [p.position.lon, p.position.lat] } : null,
    properties: {
      type: p.type,
      libelle_type: LIBELLE_COURT[p.type],
      ce_que_fait: CE_QUE_FAIT[p.type],
      nom: p.nom,
      commune_code: p.communeCode,
      commune_nom: communeNom,
      adresse: p.adresse || null,
      telephone: p.telephone || null,
      horaires: p.horaires || null,
      site_web: p.siteWeb || null,
      nombre_dispositifs: p.nombreDispositifs,
      precision_position: p.position?.precision ?? null,
      notes: p.notes || null,
      source: p.source,
      demonstration: p.demonstration,
      ouvert: p.ouvert,
      mis_a_jour_le: p.majLe.toISOString(),
      ...(p.distanceKm !== undefined ? { distance_km: Math.round(p.distanceKm * 10) / 10 } : {}),
    },
  };
}

function communeJson(c: CommuneEnBase) {
  return {
    code: c.code,
    nom: c.nom,
    type: c.type,
    commune_nouvelle: c.communeNouvelle ?? null,
    codes_postaux: c.codesPostaux,
    population: c.population,
    centre: c.centre ? { lon: c.centre.lon, lat: c.centre.lat, source: c.centre.source } : null,
  };
}

function resultatJson(r: ResultatRecherche) {
  return {
    code: r.commune.code,
    nom: r.commune.nom,
    type: r.commune.type,
    commune_nouvelle: r.communeNouvelle ? { code: r.communeNouvelle.code, nom: r.communeNouvelle.nom } : null,
    codes_postaux: (r.communeNouvelle ?? r.commune).codesPostaux,
    correspondance: r.correspondance,
  };
}

export function registerApiTerritoire(app: FastifyInstance, service: TerritoireService) {
  app.get('/api/v1/points', async (request, reply) => {
    const types = listeParam(request.query, 'type');
    if (!types.every(estTypePoint)) return erreur(reply, 400, 'TYPE_INCONNU');
    const commune = texteParam(request.query, 'commune')?.trim().toUpperCase();
    if (commune !== undefined && !/^(\d{5}|2[AB]\d{3})$/.test(commune)) return erreur(reply, 400, 'CODE_INSEE_INVALIDE');
    const [points, noms] = await Promise.all([
      service.points.lister({ types: types.filter(estTypePoint), ...(commune ? { commune } : {}), ouvertsSeulement: true }),
      service.recherche.noms(),
    ]);
    return reply
      .header('content-type', 'application/geo+json; charset=utf-8')
      .send({ type: 'FeatureCollection', features: points.map((p) => pointEnFeature(p, noms.get(p.communeCode) ?? p.communeCode)) });
  });

  app.get('/api/v1/communes', async (request, reply) => {
    const q = texteParam(request.query, 'q') ?? '';
    if (q.trim() === '') return erreur(reply, 400, 'REQUETE_VIDE');
    if (q.length > 100) return erreur(reply, 400, 'REQUETE_TROP_LONGUE');
    const resultats = await service.recherche.rechercher(q, 20);
    return reply.send({ requete: q.trim(), resultats: resultats.map(resultatJson) });
  });

  app.get('/api/v1/contours', async (_request, reply) => {
    const lignes = await service.communes.contours(service.departement);
    return reply.header('content-type', 'application/geo+json; charset=utf-8').send({
      type: 'FeatureCollection',
      features: lignes.map((l) => ({ type: 'Feature', id: l.code, geometry: l.contour, properties: { code: l.code, nom: l.nom } })),
    });
  });

  app.get('/api/v1/orientation', async (request, reply) => {
    const saisie = texteParam(request.query, 'commune') ?? '';
    const resultat = await service.orientation.pourSaisie(saisie);
    if (resultat.statut === 'vide') return erreur(reply, 400, 'REQUETE_VIDE');
    if (resultat.statut === 'trop-longue') return erreur(reply, 400, 'REQUETE_TROP_LONGUE');
    if (resultat.statut === 'inconnue') return erreur(reply, 404, 'COMMUNE_INCONNUE');
    if (resultat.statut === 'plusieurs') {
      return reply.send({ statut: 'plusieurs-communes', message: 'Plusieurs communes correspondent : précisez.', choix: resultat.choix.map(resultatJson) });
    }
    const noms = await service.recherche.noms();
    const feature = (p: Point & { distanceKm: number }) => pointEnFeature(p, noms.get(p.communeCode) ?? p.communeCode);
    return reply.send({
      statut: 'trouvee',
      commune: resultat.commune ? communeJson(resultat.commune) : null,
      commune_actuelle: resultat.communeActuelle ? communeJson(resultat.communeActuelle) : null,
      centre_connu: resultat.origine !== null,
      origine: resultat.origine
        ? { lon: resultat.origine.lon, lat: resultat.origine.lat, source: resultat.origine.source, commune: resultat.origine.communeNom }
        : null,
      dr: resultat.dr.map(feature),
      aide: resultat.aide.map(feature),
      communes_voisines: resultat.voisines.map(communeJson),
    });
  });
}
