import { randomInt, randomUUID } from 'node:crypto';
import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Titre } from './demandes-repository.ts';

/** Test factories: applications brought to a given state through the service, not the pages. */
export function agentMairie(communeInsee: string, departement = '24'): Principal {
  return { userId: randomUUID(), kind: 'agent', role: 'agent_mairie', communeInsee, departement, displayName: `Agent ${communeInsee}` };
}

export function instructeur(departement = '24'): Principal {
  return { userId: randomUUID(), kind: 'agent', role: 'instructeur', communeInsee: null, departement, displayName: `Instructeur ${departement}` };
}

export interface Personne {
  nom?: string;
  prenoms?: string;
  dateNaissance?: string;
  titre?: Titre;
}

export async function demandeRecueillie(built: GuichetApp, agent: Principal, personne: Personne = {}) {
  return built.demandes.recueillir(agent, {
    titre: personne.titre ?? 'cni',
    origine: 'cerfa',
    pre_demande_numero: null,
    commune_remise: agent.communeInsee!,
    usager_id: null,
    nom: personne.nom ?? 'ESSAI',
    prenoms: personne.prenoms ?? 'Camille',
    date_naissance: personne.dateNaissance ?? '1980-05-14',
    mobile: null,
    email: null,
    timbre_requis: false,
    timbre_numero: null,
    timbre_consomme: false,
    capture: null,
  });
}

/** An application whose title waits at the mairie (`disponible`), prints taken from 12 years old. */
export async function demandeDisponible(built: GuichetApp, agent: Principal, personne: Personne = {}) {
  const demande = await demandeRecueillie(built, agent, personne);
  const naissance = new Date(`${demande.date_naissance}T00:00:00Z`);
  const douzeAns = new Date(naissance);
  douzeAns.setUTCFullYear(naissance.getUTCFullYear() + 12);
  await built.demandes.enregistrerCapture(agent, demande.id, { dispositif: 'DR-test', captureeLe: new Date(), qualitePhoto: 90, qualiteEmpreintes: douzeAns <= new Date() ? 90 : null });
  const instruit = instructeur(agent.departement!);
  const etapes: Array<[Principal | 'systeme', Parameters<GuichetApp['demandes']['appliquer']>[2], Record<string, string>]> = [
    [agent, 'transmettre', {}],
    [instruit, 'prendre_en_instruction', {}],
    [instruit, 'accorder', {}],
    ['systeme', 'lancer_production', { numeroTitre: `26TT${String(randomInt(100_000)).padStart(5, '0')}` }],
    [agent, 'receptionner', {}],
  ];
  for (const [acteur, evenement, contexte] of etapes) {
    const resultat = await built.demandes.appliquer(acteur, demande.id, evenement, contexte);
    if (!resultat.ok) throw new Error(`${evenement} : ${resultat.raison}`);
  }
  return { ...demande, etat: 'disponible' as const };
}
