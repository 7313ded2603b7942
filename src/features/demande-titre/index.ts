export { demandesService, perimetreDe, type DemandesService } from './demandes-service.ts';
export { DEMANDE_TITRE_TEMPLATES } from './messages.ts';
export { ETATS, LIBELLES_ETATS, transition, type Etat, type Evenement } from './cycle-de-vie.ts';
export { simulateurDispositif, type DispositifRecueil } from './dispositif-recueil.ts';
export { productionSimulee } from './production.ts';
export { registerInstructionRoutes } from './routes-instruction.tsx';
export { registerMairieRoutes, type ConsommerTimbre } from './routes-mairie.tsx';
export { registerSuiviRoutes } from './routes-suivi.tsx';
