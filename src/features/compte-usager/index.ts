export { compteUsagerService, type CompteUsagerService } from './compte-usager-service.ts';
export { registerCompteUsagerRoutes } from './routes.tsx';
export { COMPTE_USAGER_TEMPLATES } from './messages.ts';
export { telephonesRepository } from './compte-usager-repository.ts';
