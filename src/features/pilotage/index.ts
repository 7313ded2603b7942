// Pilotage : taux de pré-demande en ligne par mairie et dans le temps, santé du réseau des DR,
// lus sur des agrégats tenus à jour à chaque changement d'état d'une demande de titre.
export { compterPreDemandeAccompagnee, compterTransition, type DemandeAvantTransition } from './pilotage-repository.ts';
export { registerPilotageRoutes, type PilotageDeps } from './routes.tsx';
export type { TerritoireLu } from './referentiel.ts';
