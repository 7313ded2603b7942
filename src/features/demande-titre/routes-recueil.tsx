import { mobileE164 } from '../../kernel/telephone/mobile.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { timbreRequis, validerCerfa } from './cerfa.ts';
import type { DemandesService } from './demandes-service.ts';
import { requireMairieDR } from './routes-mairie.tsx';
import { OuvertureRecueilPage, RecherchePreDemandePage, type ApercuPreDemande } from './views-recueil.tsx';

type Reponses = Record<string, string | undefined>;

class DejaUtilisee extends Error {}

/** What the recueil needs from the pré-demande feature (wired in app.ts through its index). */
export interface PreDemandesPourRecueil {
  pourRecueil(numero: string): Promise<{ ok: true; preDemande: { numero: string | null; userId: string; state: { answers: Reponses } } & object } | { ok: false; raison: string }>;
  consommerAuRecueil(trx: Db, preDemande: never, agent: Principal): Promise<boolean>;
  justificatifs(answers: Reponses, jour: string): Array<{ id: string; libelle: string }>;
}

const MOTIFS: Record<string, string> = {
  premiere: 'Première demande',
  renouvellement: 'Renouvellement',
  perte: 'Perte',
  vol: 'Vol',
  deterioration: 'Détérioration',
  'changement-etat-civil': 'Changement d’état civil',
};

function apercu(numero: string, reponses: Reponses, justificatifs: ApercuPreDemande['justificatifs']): ApercuPreDemande {
  const titres: Array<'cni' | 'passeport'> = reponses.titre === 'les-deux' ? ['cni', 'passeport'] : reponses.titre === 'passeport' ? ['passeport'] : ['cni'];
  const lieu = reponses.lieuNaissance === 'etranger' ? `${reponses.villeNaissance ?? ''} (${reponses.paysNaissance ?? ''})` : `${reponses.communeNaissance ?? ''} (${reponses.departementNaissance ?? ''})`;
  return {
    numero,
    titres,
    motif: MOTIFS[reponses.motif ?? ''] ?? reponses.motif ?? '',
    nom: (reponses.nomNaissance ?? '').toUpperCase(),
    prenoms: [reponses.prenom1, reponses.prenom2, reponses.prenom3].filter(Boolean).join(', '),
    dateNaissance: reponses.dateNaissance ?? '',
    lieuNaissance: lieu,
    adresse: [reponses.adresse, reponses.complementAdresse, reponses.codePostal, reponses.commune].filter(Boolean).join(' '),
    justificatifs,
  };
}

export function registerRecueilRoutes(
  app: FastifyInstance,
  deps: { db: Db; demandes: DemandesService; preDemandes: PreDemandesPourRecueil; now: () => Date; niveauCommune: (code: string) => Promise<string | null> },
) {
  const mairie = { preHandler: [requireAgent('agent_mairie'), requireMairieDR(deps.niveauCommune)] };
  const jour = () => deps.now().toISOString().slice(0, 10);
  const texte = (body: unknown, nom: string) => field(body, nom, 200).trim();

  async function chercher(request: FastifyRequest, reply: FastifyReply, numero: string) {
    const resultat = await deps.preDemandes.pourRecueil(numero);
    await recordAudit(deps.db, request.principal, { action: 'consulter-pre-demande', objectType: 'pre_demande', objectId: numero || null, outcome: resultat.ok ? 'succes' : 'refus' });
    if (!resultat.ok) {
      reply.status(numero ? 404 : 400).page(<RecherchePreDemandePage ctx={request.pageContext()} numero={numero} erreur={resultat.raison} />);
      return undefined;
    }
    const reponses = resultat.preDemande.state.answers;
    return { preDemande: resultat.preDemande, reponses, apercu: apercu(numero, reponses, deps.preDemandes.justificatifs(reponses, jour())) };
  }

  app.get('/mairie/recueil', mairie, async (request, reply) => reply.page(<RecherchePreDemandePage ctx={request.pageContext()} />));

  app.post('/mairie/recueil', mairie, async (request, reply) => {
    const numero = texte(request.body, 'numero').replace(/[\s-]/g, '').toUpperCase();
    if (!numero) return reply.status(400).page(<RecherchePreDemandePage ctx={request.pageContext()} erreur="Saisissez ou scannez le numéro de pré-demande." />);
    const trouve = await chercher(request, reply, numero);
    if (!trouve) return reply;
    const { apercu: a } = trouve;
    return reply.page(<OuvertureRecueilPage ctx={request.pageContext()} apercu={a} saisie={{ nom: a.nom, prenoms: a.prenoms, date_naissance: a.dateNaissance, coches: [], identite: false }} erreurs={{}} />);
  });

  app.post('/mairie/recueil/ouvrir', mairie, async (request, reply) => {
    const body = request.body;
    const numero = texte(body, 'numero').toUpperCase();
    const trouve = await chercher(request, reply, numero);
    if (!trouve) return reply;
    const { apercu: a, reponses, preDemande } = trouve;
    const saisie = {
      nom: texte(body, 'nom'),
      prenoms: texte(body, 'prenoms'),
      date_naissance: texte(body, 'date_naissance'),
      coches: a.justificatifs.filter((j) => texte(body, `j-${j.id}`) === 'oui').map((j) => j.id),
      identite: texte(body, 'identite') === 'oui',
    };
    const verifiees = validerCerfa({ titre: 'cni', motif: 'premiere', nom: saisie.nom, prenoms: saisie.prenoms, date_naissance: saisie.date_naissance, mobile: '', email: '' }, deps.now());
    const erreurs: Partial<Record<'nom' | 'prenoms' | 'date_naissance' | 'identite', string>> = {
      ...(verifiees.nom ? { nom: verifiees.nom } : {}),
      ...(verifiees.prenoms ? { prenoms: verifiees.prenoms } : {}),
      ...(verifiees.date_naissance ? { date_naissance: verifiees.date_naissance } : {}),
      ...(saisie.identite ? {} : { identite: 'Vérifiez l’identité du demandeur avant d’ouvrir la demande.' }),
    };
    if (Object.keys(erreurs).length > 0) return reply.status(400).page(<OuvertureRecueilPage ctx={request.pageContext()} apercu={a} saisie={saisie} erreurs={erreurs} />);

    // A typo corrected at the counter is kept in the history: who changed what, from the pré-demande.
    const corriges = (['nom', 'prenoms', 'date_naissance'] as const).filter((champ) => saisie[champ] !== { nom: a.nom, prenoms: a.prenoms, date_naissance: a.dateNaissance }[champ]);
    const correction = corriges.length > 0 ? `Corrigé au guichet : ${corriges.join(', ')}` : undefined;
    const agent = request.principal!;
    const ouvrir = () => deps.demandes.recueillirPlusieurs(
      agent,
      a.titres.map((titre) => ({
        titre,
        origine: 'pre_demande' as const,
        pre_demande_numero: numero,
        commune_remise: agent.communeInsee!,
        usager_id: preDemande.userId,
        nom: saisie.nom.toUpperCase(),
        prenoms: saisie.prenoms,
        date_naissance: saisie.date_naissance,
        mobile: reponses.mobile ? (mobileE164(reponses.mobile) ?? null) : null,
        email: reponses.email || null,
        timbre_requis: timbreRequis(titre, (reponses.motif ?? 'premiere') as 'premiere'),
        timbre_numero: null,
        timbre_consomme: false,
        capture: null,
        ...(correction ? { correction } : {}),
      })),
      async (trx) => {
        if (!(await deps.preDemandes.consommerAuRecueil(trx, preDemande as never, agent))) throw new DejaUtilisee();
      },
    );
    try {
      const creees = await ouvrir();
      return reply.redirect(`/mairie/demandes/${creees[0]!.id}`, 303);
    } catch (error) {
      // Two counters opening the same pré-demande at once: one wins, the other is told why.
      if (!(error instanceof DejaUtilisee) && !/unique|duplicate/i.test(String((error as Error).message))) throw error;
      return reply.status(409).page(<RecherchePreDemandePage ctx={request.pageContext()} numero={numero} erreur="Cette pré-demande a déjà été utilisée pour une demande de titre." />);
    }
  });
}
