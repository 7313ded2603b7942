export { preDemandeService, type PreDemandeService } from './pre-demande-service.ts';
export { registerPreDemandeRoutes } from './routes.tsx';
export { PRE_DEMANDE_TEMPLATES } from './messages.ts';
export { transition, STATUTS, type Statut } from './cycle-de-vie.ts';
export { justificatifs, type Justificatif } from './justificatifs.ts';
export type { PreDemande } from './pre-demande-repository.ts';
