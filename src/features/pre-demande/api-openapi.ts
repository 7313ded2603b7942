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
                    properties: {
                      status: {
                        enum: ['validated', 'declared', 'consumed', 'expired', 'unknown'],
                        description: 'validated : pré-demande utilisable ; declared : un rendez-vous est pris ; consumed : utilisée lors d’un recueil ; expired : périmée ; unknown : numéro inconnu, brouillon ou annulée',
                      },
                      appointments: {
                        type: 'array',
                        description: 'Rendez-vous pris pour cette pré-demande (vide sauf pour declared)',
                        items: {
                          type: 'object',
                          required: ['meeting_point', 'appointment_date'],
                          properties: {
                            meeting_point: { type: 'string', description: 'Lieu du rendez-vous (mairie)' },
                            appointment_date: { type: 'string', format: 'date-time' },
                            management_url: { type: ['string', 'null'], format: 'uri', description: 'Page de gestion du rendez-vous chez l’éditeur' },
                          },
                        },
                      },
                    },
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
