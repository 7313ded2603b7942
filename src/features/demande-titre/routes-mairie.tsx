import { mobileE164 } from '../../kernel/telephone/mobile.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { CHAMPS_CERFA, timbreRequis, usageTimbre, validerCerfa, type SaisieCerfa } from './cerfa.ts';
import type { Etat } from './cycle-de-vie.ts';
import { perimetreDe, type DemandesService } from './demandes-service.ts';
import type { DispositifRecueil } from './dispositif-recueil.ts';
import { recepissePdf } from './recepisse-pdf.ts';
import { lireSaisieRemise, methodeControle } from './remise.ts';
import { registerRemiseRoutes } from './routes-remise.tsx';
import type { EtatRemise } from './views-remise.tsx';
import { CerfaPage, DemandeMairiePage, DemandesMairiePage, ReceptionPage } from './views-mairie.tsx';
import { UUID } from '../../kernel/db/ids.ts';

/** Verifies and consumes a tax stamp for an application, through the stamp module. */
export type ConsommerTimbre = (numero: string, usage: string, referenceDemande: string, agent: Principal) => Promise<{ ok: true } | { ok: false; raison: string }>;

export interface MairieDeps {
  db: Db;
  demandes: DemandesService;
  now: () => Date;
  nomCommune: (code: string) => string;
  dispositif: (commune: string) => DispositifRecueil;
  consommerTimbre: ConsommerTimbre;
  serviceName: string;
  /** Equipment level of a commune, from the territory data: only a DR mairie collects and hands over titles. */
  niveauCommune: (code: string) => Promise<string | null>;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
}

export interface OptionsAffichage {
  erreur?: string | undefined;
  tentative?: number;
  status?: number;
  remise?: Partial<EtatRemise>;
}

/** preHandler: the mairie of the signed-in agent must be equipped with a dispositif de recueil. */
export function requireMairieDR(niveauCommune: (code: string) => Promise<string | null>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const commune = request.principal?.communeInsee;
    if (!commune || (await niveauCommune(commune)) !== 'dr') {
      await request.auditerRefus();
      return reply.sendPage('forbidden');
    }
  };
}

const EN_COURS: readonly Etat[] = ['recueillie', 'transmise', 'en_instruction', 'complement_demande', 'accordee', 'en_production', 'disponible'];

export function champs(body: unknown): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => typeof entry[1] === 'string').map(([k, v]) => [k, v.slice(0, 5000)]));
}

export function registerMairieRoutes(app: FastifyInstance, deps: MairieDeps) {
  const mairie = { preHandler: [requireAgent('agent_mairie'), requireMairieDR(deps.niveauCommune)] };

  /** An application out of the agent's reach is "not found", and the attempt is in the audit journal. */
  async function refuser(request: FastifyRequest, reply: FastifyReply, action: string) {
    const id = (request.params as { id?: string } | undefined)?.id;
    await recordAudit(deps.db, request.principal, { action, objectType: 'demande_titre', objectId: id && UUID.test(id) ? id : null, outcome: 'refus' });
    return reply.sendPage('not-found');
  }

  app.get('/mairie/demandes', mairie, async (request, reply) => {
    const principal = request.principal!;
    const demandes = await deps.demandes.lister(perimetreDe(principal)!, EN_COURS);
    await recordAudit(deps.db, principal, { action: 'consulter-demandes-mairie', objectType: 'demande_titre' });
    return reply.page(<DemandesMairiePage ctx={request.pageContext()} demandes={demandes} nomCommune={deps.nomCommune(principal.communeInsee!)} />);
  });

  async function afficher(request: FastifyRequest, reply: FastifyReply, id: string, options: OptionsAffichage = {}) {
    const demande = UUID.test(id) ? await deps.demandes.trouver(perimetreDe(request.principal!)!, id) : undefined;
    await recordAudit(deps.db, request.principal, { action: 'consulter', objectType: 'demande_titre', objectId: id, outcome: demande ? 'succes' : 'refus' });
    if (!demande) return reply.sendPage('not-found');
    const [historique, controles] = await Promise.all([deps.demandes.historique(id), deps.demandes.controles(id)]);
    const remise: EtatRemise = { methode: methodeControle(demande, deps.now()), saisie: lireSaisieRemise({}), erreurs: {}, ...options.remise };
    return reply
      .status(options.status ?? (options.erreur || Object.keys(remise.erreurs).length > 0 ? 400 : 200))
      .page(
        <DemandeMairiePage
          ctx={request.pageContext()}
          demande={demande}
          historique={historique}
          controles={controles}
          remise={remise}
          nomCommune={deps.nomCommune}
          erreur={options.erreur}
          tentative={options.tentative ?? 1}
        />,
      );
  }

  app.get<{ Params: { id: string } }>('/mairie/demandes/:id', mairie, async (request, reply) => afficher(request, reply, request.params.id));

  app.post<{ Params: { id: string } }>('/mairie/demandes/:id/capture', mairie, async (request, reply) => {
    const principal = request.principal!;
    const demande = UUID.test(request.params.id) ? await deps.demandes.trouver(perimetreDe(principal)!, request.params.id) : undefined;
    if (!demande || demande.commune_recueil !== principal.communeInsee) return refuser(request, reply, 'capturer');
    const tentative = Math.min(50, Math.max(1, Number(champs(request.body).tentative) || 1));
    const capture = await deps.dispositif(principal.communeInsee).capturer({ reference: demande.numero, dateNaissance: new Date(`${demande.date_naissance}T00:00:00Z`), tentative }, deps.now());
    if (!capture.ok) return afficher(request, reply, demande.id, { erreur: capture.message, tentative: tentative + 1 });
    await deps.demandes.enregistrerCapture(principal, demande.id, { dispositif: capture.dispositif, captureeLe: capture.captureeLe, qualitePhoto: capture.qualitePhoto, qualiteEmpreintes: capture.qualiteEmpreintes });
    return reply.redirect(`/mairie/demandes/${demande.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/mairie/demandes/:id/timbre', mairie, async (request, reply) => {
    const principal = request.principal!;
    const demande = UUID.test(request.params.id) ? await deps.demandes.trouver(perimetreDe(principal)!, request.params.id) : undefined;
    if (!demande || demande.commune_recueil !== principal.communeInsee) return refuser(request, reply, 'enregistrer-timbre');
    const numero = (champs(request.body).timbre ?? '').replace(/\s/g, '');
    if (!/^\d{16}$/.test(numero)) return afficher(request, reply, demande.id, { erreur: 'Le numéro du timbre comporte 16 chiffres.' });
    // A second stamp for the same application would be paid for nothing.
    if (demande.timbre_consomme) return afficher(request, reply, demande.id, { erreur: 'Un timbre fiscal a déjà été consommé pour cette demande.' });
    // Two agents entering two stamps at the same moment: only the one holding the slot goes on.
    if (!(await deps.demandes.reserverTimbre(principal, demande.id, numero))) {
      return afficher(request, reply, demande.id, { erreur: 'Un timbre fiscal est déjà en cours d’enregistrement ou consommé pour cette demande.' });
    }
    const resultat = await deps.consommerTimbre(numero, usageTimbre(demande.titre, demande.date_naissance, deps.now()), demande.numero, principal);
    if (!resultat.ok) {
      await deps.demandes.libererTimbre(demande.id, numero);
      return afficher(request, reply, demande.id, { erreur: resultat.raison });
    }
    await deps.demandes.enregistrerTimbre(principal, demande.id, numero);
    return reply.redirect(`/mairie/demandes/${demande.id}`, 303);
  });

  for (const evenement of ['transmettre', 'receptionner'] as const) {
    app.post<{ Params: { id: string } }>(`/mairie/demandes/:id/${evenement}`, mairie, async (request, reply) => {
      if (!UUID.test(request.params.id)) return refuser(request, reply, evenement);
      const resultat = await deps.demandes.appliquer(request.principal!, request.params.id, evenement);
      if (!resultat.ok) return resultat.code === 'INTROUVABLE' ? reply.sendPage('not-found') : afficher(request, reply, request.params.id, { erreur: resultat.raison });
      return reply.redirect(`/mairie/demandes/${request.params.id}`, 303);
    });
  }

  app.get<{ Params: { id: string } }>('/mairie/demandes/:id/recepisse.pdf', mairie, async (request, reply) => {
    const demande = UUID.test(request.params.id) ? await deps.demandes.trouver(perimetreDe(request.principal!)!, request.params.id) : undefined;
    await recordAudit(deps.db, request.principal, { action: 'imprimer-recepisse', objectType: 'demande_titre', objectId: request.params.id, outcome: demande ? 'succes' : 'refus' });
    if (!demande) return reply.sendPage('not-found');
    const pdf = await recepissePdf(demande, deps.nomCommune(demande.commune_remise), deps.serviceName);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="recepisse-${demande.numero}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  registerRemiseRoutes(app, deps, { garde: mairie, afficher, refuser });

  app.get('/mairie/cerfa', mairie, async (request, reply) => reply.page(<CerfaPage ctx={request.pageContext()} saisie={{}} erreurs={{}} />));

  app.post('/mairie/cerfa', mairie, async (request, reply) => {
    const body = champs(request.body);
    const saisie = Object.fromEntries(CHAMPS_CERFA.map((champ) => [champ, (body[champ] ?? '').trim()])) as unknown as SaisieCerfa;
    const erreurs = validerCerfa(saisie, deps.now());
    if (Object.keys(erreurs).length > 0) return reply.status(400).page(<CerfaPage ctx={request.pageContext()} saisie={saisie} erreurs={erreurs} />);
    const titre = saisie.titre as 'cni' | 'passeport';
    const principal = request.principal!;
    const demande = await deps.demandes.recueillir(principal, {
      titre,
      origine: 'cerfa',
      pre_demande_numero: null,
      commune_remise: principal.communeInsee!,
      usager_id: null,
      nom: saisie.nom.toUpperCase(),
      prenoms: saisie.prenoms,
      date_naissance: saisie.date_naissance,
      mobile: saisie.mobile ? (mobileE164(saisie.mobile) ?? null) : null,
      email: saisie.email || null,
      timbre_requis: timbreRequis(titre, saisie.motif as 'premiere'),
      timbre_numero: null,
      timbre_consomme: false,
      capture: null,
    });
    return reply.redirect(`/mairie/demandes/${demande.id}`, 303);
  });

  app.get('/mairie/reception', mairie, async (request, reply) => reply.page(<ReceptionPage ctx={request.pageContext()} resultats={[]} saisie="" />));

  app.post('/mairie/reception', mairie, async (request, reply) => {
    const principal = request.principal!;
    const saisie = champs(request.body).numeros ?? '';
    const numeros = [...new Set(saisie.split(/[\s,;]+/).map((n) => n.trim().toUpperCase()).filter(Boolean))].slice(0, 200);
    const resultats: Array<{ numero: string; message: string; ok: boolean }> = [];
    for (const numero of numeros) {
      if (!/^[A-Z0-9]{6,12}$/.test(numero)) {
        resultats.push({ numero, message: 'format de numéro de titre invalide', ok: false });
        continue;
      }
      const demande = await deps.demandes.trouverParNumeroTitre(principal.communeInsee!, numero);
      if (!demande) {
        resultats.push({ numero, message: 'aucun titre attendu dans votre mairie sous ce numéro', ok: false });
        continue;
      }
      const resultat = await deps.demandes.appliquer(principal, demande.id, 'receptionner');
      resultats.push(resultat.ok ? { numero, message: `réceptionné, demandeur prévenu (demande ${demande.numero})`, ok: true } : { numero, message: resultat.raison, ok: false });
    }
    return reply.status(resultats.every((r) => r.ok) ? 200 : 400).page(<ReceptionPage ctx={request.pageContext()} resultats={resultats} saisie={resultats.every((r) => r.ok) ? '' : saisie} />);
  });
}
