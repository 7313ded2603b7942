// Description OpenAPI 3.1 de l'API publique du territoire, servie en JSON et lisible en HTML.
import { ERREURS_API } from './routes-api.ts';
import { TYPES_POINT } from './types-points.ts';

const erreur = { $ref: '#/components/schemas/Erreur' };
const reponseErreur = (description: string) => ({ description, content: { 'application/json': { schema: erreur } } });

export function documentOpenApi(serveur: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet Titres — territoire',
      version: '1.0.0',
      description:
        'Communes, lieux d’accueil (mairies équipées d’un dispositif de recueil, espaces numériques, MSAP, préfecture) et orientation vers les plus proches. Distances à vol d’oiseau, en kilomètres.',
      license: { name: 'EUPL-1.2' },
    },
    servers: [{ url: serveur }],
    paths: {
      '/api/v1/points': {
        get: {
          summary: 'Lieux d’accueil ouverts (GeoJSON)',
          description: 'Les lieux dont seule la commune est connue sont placés au centre de la commune (precision_position = centre-commune) ; sans centre connu, geometry vaut null.',
          parameters: [
            {
              name: 'type',
              in: 'query',
              description: 'Une ou plusieurs sortes de lieux : répéter le paramètre (type=dr&type=msap) ou séparer par des virgules (type=dr,msap).',
              style: 'form',
              explode: true,
              schema: { type: 'array', items: { type: 'string', enum: [...TYPES_POINT] } },
            },
            { name: 'commune', in: 'query', description: 'Code INSEE de la commune actuelle.', schema: { type: 'string', pattern: '^(\\d{5}|2[AB]\\d{3})$' } },
          ],
          responses: {
            200: { description: 'FeatureCollection', content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } } } },
            400: reponseErreur('TYPE_INCONNU ou CODE_INSEE_INVALIDE'),
          },
        },
      },
      '/api/v1/communes': {
        get: {
          summary: 'Recherche de communes',
          description: 'Par nom (actuel ou de commune déléguée, accents et traits d’union ignorés), code postal ou code INSEE.',
          parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 100 } }],
          responses: {
            200: { description: 'Résultats, les meilleurs d’abord (20 au plus)', content: { 'application/json': { schema: { $ref: '#/components/schemas/RechercheCommunes' } } } },
            400: reponseErreur('REQUETE_VIDE ou REQUETE_TROP_LONGUE'),
          },
        },
      },
      '/api/v1/orientation': {
        get: {
          summary: 'Où aller depuis une commune',
          description:
            'Mairies équipées d’un DR les plus proches (dr) et lieux d’aide à la pré-demande (aide), avec distance_km. centre_connu = false quand la position de la commune est inconnue : aucune distance n’est alors calculée et communes_voisines propose des communes du même code postal. Plusieurs communes possibles : statut = plusieurs-communes et la liste choix.',
          parameters: [{ name: 'commune', in: 'query', required: true, description: 'Nom, code postal ou code INSEE', schema: { type: 'string', maxLength: 100 } }],
          responses: {
            200: {
              description: 'Réponse (statut trouvee) ou choix à faire (statut plusieurs-communes)',
              content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Orientation' }, { $ref: '#/components/schemas/PlusieursCommunes' }] } } },
            },
            400: reponseErreur('REQUETE_VIDE ou REQUETE_TROP_LONGUE'),
            404: reponseErreur('COMMUNE_INCONNUE'),
          },
        },
      },
      '/api/v1/contours': {
        get: {
          summary: 'Contours des communes du département (importés d’IGN Admin Express)',
          responses: { 200: { description: 'FeatureCollection', content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/Contours' } } } } },
        },
      },
    },
    components: {
      schemas: {
        Erreur: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string', enum: Object.keys(ERREURS_API) }, message: { type: 'string' } },
        },
        FeatureCollection: {
          type: 'object',
          required: ['type', 'features'],
          additionalProperties: false,
          properties: { type: { const: 'FeatureCollection' }, features: { type: 'array', items: { $ref: '#/components/schemas/Lieu' } } },
        },
        Lieu: {
          type: 'object',
          description: 'Un lieu d’accueil, en Feature GeoJSON (coordonnées [longitude, latitude], WGS 84).',
          required: ['type', 'id', 'geometry', 'properties'],
          additionalProperties: false,
          properties: {
            type: { const: 'Feature' },
            id: { type: 'string', format: 'uuid' },
            geometry: {
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['type', 'coordinates'],
                  properties: { type: { const: 'Point' }, coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } },
                },
              ],
            },
            properties: {
              type: 'object',
              required: ['type', 'libelle_type', 'ce_que_fait', 'nom', 'commune_code', 'commune_nom', 'source', 'demonstration', 'ouvert', 'mis_a_jour_le'],
              additionalProperties: false,
              properties: {
                type: { type: 'string', enum: [...TYPES_POINT] },
                libelle_type: { type: 'string', description: 'Libellé de la légende du kit.' },
                ce_que_fait: { type: 'string', description: 'Ce que ce lieu fait pour une demande de CNI ou de passeport.' },
                nom: { type: 'string' },
                commune_code: { type: 'string', description: 'Code INSEE de la commune actuelle.' },
                commune_nom: { type: 'string' },
                adresse: { type: ['string', 'null'] },
                telephone: { type: ['string', 'null'] },
                horaires: { type: ['string', 'null'] },
                site_web: { type: ['string', 'null'] },
                nombre_dispositifs: { type: ['integer', 'null'], description: 'Nombre de dispositifs de recueil (DR seulement).' },
                precision_position: { enum: ['centre-commune', 'adresse', null], description: 'centre-commune : seule la commune du lieu est connue.' },
                notes: { type: ['string', 'null'] },
                source: { type: 'string', description: 'D’où vient l’information (kit de la préfecture, import, saisie).' },
                demonstration: { type: 'boolean', description: 'Lieu fictif du jeu de démonstration.' },
                ouvert: { type: 'boolean' },
                mis_a_jour_le: { type: 'string', format: 'date-time' },
                distance_km: { type: 'number', minimum: 0, description: 'À vol d’oiseau, arrondie à 100 m (orientation seulement).' },
              },
            },
          },
        },
        Commune: {
          type: 'object',
          required: ['code', 'nom', 'type', 'commune_nouvelle', 'codes_postaux', 'population', 'centre'],
          additionalProperties: false,
          properties: {
            code: { type: 'string' },
            nom: { type: 'string' },
            type: { type: 'string', enum: ['commune-actuelle', 'commune-deleguee', 'commune-associee'] },
            commune_nouvelle: { type: ['string', 'null'], description: 'Code de la commune nouvelle d’une commune déléguée.' },
            codes_postaux: { type: 'array', items: { type: 'string' } },
            population: { type: ['integer', 'null'] },
            centre: {
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['lon', 'lat', 'source'],
                  additionalProperties: false,
                  properties: { lon: { type: 'number' }, lat: { type: 'number' }, source: { type: 'string', enum: ['geonames', 'admin-express', 'admin-express-approche'] } },
                },
              ],
            },
          },
        },
        ResultatCommune: {
          type: 'object',
          required: ['code', 'nom', 'type', 'commune_nouvelle', 'codes_postaux', 'correspondance'],
          additionalProperties: false,
          properties: {
            code: { type: 'string' },
            nom: { type: 'string' },
            type: { type: 'string', enum: ['commune-actuelle', 'commune-deleguee', 'commune-associee'] },
            commune_nouvelle: {
              oneOf: [{ type: 'null' }, { type: 'object', required: ['code', 'nom'], additionalProperties: false, properties: { code: { type: 'string' }, nom: { type: 'string' } } }],
            },
            codes_postaux: { type: 'array', items: { type: 'string' } },
            correspondance: { type: 'string', description: 'Ce qui a été reconnu : nom, code postal, code INSEE, ancien code…' },
          },
        },
        RechercheCommunes: {
          type: 'object',
          required: ['requete', 'resultats'],
          additionalProperties: false,
          properties: { requete: { type: 'string' }, resultats: { type: 'array', maxItems: 20, items: { $ref: '#/components/schemas/ResultatCommune' } } },
        },
        Orientation: {
          type: 'object',
          required: ['statut', 'commune', 'commune_actuelle', 'centre_connu', 'origine', 'dr', 'aide', 'communes_voisines'],
          additionalProperties: false,
          properties: {
            statut: { const: 'trouvee' },
            commune: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Commune' }], description: 'La commune saisie (éventuellement déléguée).' },
            commune_actuelle: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Commune' }] },
            centre_connu: { type: 'boolean', description: 'false : position inconnue, aucune distance calculée.' },
            origine: {
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['lon', 'lat', 'source', 'commune'],
                  additionalProperties: false,
                  properties: { lon: { type: 'number' }, lat: { type: 'number' }, source: { type: 'string' }, commune: { type: ['string', 'null'] } },
                },
              ],
            },
            dr: { type: 'array', description: 'Mairies équipées d’un DR, la plus proche d’abord.', items: { $ref: '#/components/schemas/Lieu' } },
            aide: { type: 'array', description: 'Lieux qui aident à la pré-demande en ligne, le plus proche d’abord.', items: { $ref: '#/components/schemas/Lieu' } },
            communes_voisines: { type: 'array', items: { $ref: '#/components/schemas/Commune' } },
          },
        },
        PlusieursCommunes: {
          type: 'object',
          required: ['statut', 'message', 'choix'],
          additionalProperties: false,
          properties: { statut: { const: 'plusieurs-communes' }, message: { type: 'string' }, choix: { type: 'array', items: { $ref: '#/components/schemas/ResultatCommune' } } },
        },
        Contours: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { const: 'FeatureCollection' },
            features: {
              type: 'array',
              items: {
                type: 'object',
                required: ['type', 'id', 'geometry', 'properties'],
                properties: {
                  type: { const: 'Feature' },
                  id: { type: 'string' },
                  geometry: { type: 'object', required: ['type', 'coordinates'], properties: { type: { enum: ['Polygon', 'MultiPolygon'] } } },
                  properties: { type: 'object', required: ['code', 'nom'], properties: { code: { type: 'string' }, nom: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
  };
}
