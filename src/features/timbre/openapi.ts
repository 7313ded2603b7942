import { AGENT_API_ERROR_CODES } from '../../kernel/http/agent-api-auth.ts';

/** OpenAPI description of the agents' stamp API, served at /api/agent/timbres/openapi.json. */
const fiche = {
  type: 'object',
  properties: {
    numero: { type: 'string', pattern: '^\\d{16}$' },
    statut: { type: 'string', enum: ['valide', 'consomme', 'rembourse', 'expire'] },
    usage: { type: 'string', example: 'passeport-majeur' },
    montantCentimes: { type: 'integer', example: 8600 },
    acheteLe: { type: 'string', format: 'date-time' },
    expireLe: { type: 'string', format: 'date-time' },
    consommation: { type: 'object', nullable: true, properties: { referenceDossier: { type: 'string' }, consommeLe: { type: 'string', format: 'date-time' }, commune: { type: 'string', nullable: true } } },
  },
};
const refus = {
  description: 'Refus motivé',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          ok: { type: 'boolean', enum: [false] },
          code: { type: 'string', enum: ['vide', 'format', 'clef', 'inconnu', 'deja-consomme', 'rembourse', 'expire', 'usage-different', 'reference', 'trop-de-consultations'] },
          message: { type: 'string', example: 'Timbre déjà consommé.' },
          timbre: fiche,
        },
      },
    },
  },
};
const succes = { description: 'Le timbre', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean', enum: [true] }, timbre: fiche } } } } };
// Either an agent's personal API token, or the agent's session with its anti-CSRF token.
const securite = [{ jetonAgent: [] }, { sessionAgent: [], csrf: [] }];
const erreurAcces = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string', enum: [...AGENT_API_ERROR_CODES] }, message: { type: 'string' } } } } },
});
const acces = {
  '401': erreurAcces('Ni session d’agent ni jeton valide (jeton inconnu, révoqué, expiré, ou compte de l’agent désactivé)'),
  '403': erreurAcces('Pas agent de mairie, ou jeton anti-CSRF absent pour un appel avec la session'),
};
const tropDAppels = erreurAcces('Trop d’appels (120 par minute et par jeton) ou trop d’échecs d’authentification depuis cette adresse');

export const OPENAPI_TIMBRES = {
  openapi: '3.0.3',
  info: { title: 'Guichet Titres — timbres fiscaux (agents de mairie)', version: '1' },
  components: {
    securitySchemes: {
      jetonAgent: {
        type: 'http',
        scheme: 'bearer',
        description:
          'Jeton d’API personnel d’un agent de mairie (préfixe gta_), créé dans l’espace agent (/agent/jetons-api) : « Authorization: Bearer gta_… ». L’appel agit au nom de cet agent, avec son rôle et sa commune du moment ; pas de jeton anti-CSRF.',
      },
      sessionAgent: { type: 'apiKey', in: 'cookie', name: 'gt_session', description: 'Session d’un agent de mairie (cookie __Host-gt_session en HTTPS).' },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'Jeton anti-CSRF de la session (celui des formulaires de l’espace agents).' },
    },
  },
  paths: {
    '/api/agent/timbres/verification': {
      post: {
        summary: 'Consulter un timbre (limité à 30 consultations par minute et par agent)',
        security: securite,
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['numero'], properties: { numero: { type: 'string' } } } } } },
        responses: { '200': succes, '400': refus, ...acces, '404': refus, '429': { ...refus, description: 'Trop de consultations (30 par minute et par agent), ou trop d’appels avec ce jeton' } },
      },
    },
    '/api/agent/timbres/consommation': {
      post: {
        summary: 'Consommer un timbre pour un dossier (une seule fois)',
        security: securite,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['numero', 'usage', 'referenceDossier'], properties: { numero: { type: 'string' }, usage: { type: 'string' }, referenceDossier: { type: 'string' } } } } },
        },
        responses: { '200': succes, '400': refus, ...acces, '404': refus, '409': refus, '422': refus, '429': tropDAppels },
      },
    },
  },
};
