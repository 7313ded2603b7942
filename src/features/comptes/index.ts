export { comptesService, type ComptesService } from './comptes-service.ts';
export { registerComptesRoutes } from './routes.tsx';
export { COMPTES_TEMPLATES } from './messages.ts';
export type { Account } from './comptes-repository.ts';
export { EMAIL_PATTERN } from './routes.tsx';
export { comptesRepository, toPrincipal, type ComptesRepository } from './comptes-repository.ts';
export { doubleFacteurService, type DoubleFacteurService, type ExigenceDoubleFacteur } from './double-facteur-service.ts';
