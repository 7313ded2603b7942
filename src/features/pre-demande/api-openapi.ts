/** OpenAPI description of the status endpoint, served next to it. */
export const OPENAPI_STATUTS = {
  openapi: '3.1.0',
  info: {
    title: 'Statut des pré-demandes (anti-doublon)',
    version: '1.0.0',
    description: 'Pour les éditeurs de logiciels de rendez-vous : statut de pré-demandes par numéro, sans aucune donnée personnelle. Jeton d’éditeur délivré par un administrateur de la plateforme.',
  },
  components: { securitySchemes: { jetonEditeur: { type: 'http', scheme: 'bearer' } } },
  security: [{ jetonEditeur: [] }],
  paths: {
    '/api/v1/pre-demandes/status': {
      get: {
        summary: 'Statut de une à 50 pré-demandes',
        parameters: [{ name: 'application_ids', in: 'query', required: true, description: 'Numéros de pré-demande (10 caractères) séparés par des virgules', schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'Un statut par numéro demandé',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: {
                    type: 'object',
                    required: ['status', 'appointments'],
                    properties: { status: { enum: ['validated', 'declared', 'consumed', 'expired', 'unknown'] }, appointments: { type: 'array', items: { type: 'object' } } },
                  },
                },
              },
            },
          },
          '400': { description: 'Paramètre absent ou plus de 50 numéros' },
          '401': { description: 'Jeton absent, inconnu ou révoqué' },
          '429': { description: 'Plus de 120 requêtes par minute pour cet éditeur' },
        },
      },
    },
  },
} as const;
