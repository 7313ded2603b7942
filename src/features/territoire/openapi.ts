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
            { name: 'type', in: 'query', description: 'Une ou plusieurs sortes (répéter le paramètre ou séparer par des virgules).', schema: { type: 'string', enum: [...TYPES_POINT] } },
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
            200: { description: 'Résultats, les meilleurs d’abord', content: { 'application/json': { schema: { type: 'object' } } } },
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
            200: { description: 'Réponse (statut trouvee) ou choix à faire (statut plusieurs-communes)', content: { 'application/json': { schema: { type: 'object' } } } },
            400: reponseErreur('REQUETE_VIDE ou REQUETE_TROP_LONGUE'),
            404: reponseErreur('COMMUNE_INCONNUE'),
          },
        },
      },
      '/api/v1/contours': {
        get: {
          summary: 'Contours des communes du département (importés d’IGN Admin Express)',
          responses: { 200: { description: 'FeatureCollection', content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } } } } },
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
          properties: { type: { const: 'FeatureCollection' }, features: { type: 'array', items: { type: 'object' } } },
        },
      },
    },
  };
}
