import type { PreDemandeService } from './pre-demande-service.ts';
export { preDemandeService, type PreDemandeService } from './pre-demande-service.ts';
export { registerPreDemandeRoutes } from './routes.tsx';
export { PRE_DEMANDE_TEMPLATES } from './messages.ts';
export { transition, STATUTS, type Statut } from './cycle-de-vie.ts';
export { justificatifs, type Justificatif } from './justificatifs.ts';
export { parcoursPreDemande } from './parcours.ts';
export { CONTENU as CONTENU_PRE_DEMANDE } from './contenu.ts';
export { timbresRequis } from './tarifs.ts';
export type { PreDemande, RendezVous } from './pre-demande-repository.ts';
export { accompagnementService, type AccompagnementService } from './accompagnement-service.ts';
/**
 * For the appointment feature: `preDemandes.declarerRendezVous(numero, { date, lieu, lienGestion }, source)`
 * records a booked appointment; the first one turns a validated pré-demande into `declaree`.
 */
export type DeclarerRendezVous = PreDemandeService['declarerRendezVous'];
