import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import type { BoutiqueService } from './boutique-service.ts';
import { mobileE164 } from '../../kernel/telephone/mobile.ts';
import { choisirTimbre, lireQuantite, normaliserCourriel, type Reponses } from './choix.ts';
import { AGES, DEMARCHES, ERREURS, QUANTITE_MAX, type Age, type Demarche } from './contenu.ts';
import type { Panier } from './panier-repository.ts';
import { etapeBloquante, type Etape } from './parcours.ts';
import { AccueilTimbre, AgePage, DemarchePage, FormulairePage, GratuitPage } from './vues-achat.tsx';
import { PanierPage, ReceptionPage, ValidationPage, type ReceptionState } from './vues-panier.tsx';


export interface PanierCookie {
  lire(request: FastifyRequest): Promise<Panier | undefined>;
  /** The cart of this browser, created (with its cookie) on the first step that needs one. */
  obtenir(request: FastifyRequest, reply: FastifyReply): Promise<Panier>;
}

export function panierCookie(boutique: BoutiqueService, secure: boolean): PanierCookie {
  // Random token only: the cookie says nothing about the buyer, the URL even less.
  const nom = secure ? '__Host-gt_timbre_panier' : 'gt_timbre_panier';
  return {
    lire: (request) => boutique.panier(request.cookies[nom]),
    async obtenir(request, reply) {
      const existant = await boutique.panier(request.cookies[nom]);
      if (existant) return existant;
      const { jeton, panier } = await boutique.ouvrirPanier();
      reply.setCookie(nom, jeton, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 7 * 24 * 3600 });
      return panier;
    },
  };
}

const estDemarche = (v: string): v is Demarche => DEMARCHES.some((d) => d.value === v);
const estAge = (v: string): v is Age => AGES.some((a) => a.value === v);

/** Steps #1–#7 of the kit: questions, form, cart, delivery mode, validation. */
export function registerBoutiqueRoutes(
  app: FastifyInstance,
  deps: { boutique: BoutiqueService; paniers: PanierCookie; titulairePreDemande?: ((numero: string) => Promise<string | undefined>) | undefined },
) {
  const { boutique, paniers } = deps;
  const garde = async (request: FastifyRequest, reply: FastifyReply, cle: Etape['cle']) => {
    const panier = await paniers.obtenir(request, reply);
    const manque = etapeBloquante(cle, panier);
    if (manque) {
      reply.redirect(manque, 303);
      return undefined;
    }
    return panier;
  };

  app.get('/timbre', async (request, reply) =>
    reply.page(<AccueilTimbre ctx={request.pageContext()} paiementDisponible={boutique.paiementDisponible()} catalogue={await boutique.catalogue()} />),
  );
  app.get('/timbre/gratuit', async (request, reply) => reply.page(<GratuitPage ctx={request.pageContext()} />));

  app.get('/timbre/demarche', async (request, reply) => {
    const panier = await paniers.obtenir(request, reply);
    return reply.page(<DemarchePage ctx={request.pageContext()} valeur={panier.reponses.demarche} />);
  });
  app.post('/timbre/demarche', async (request, reply) => {
    const panier = await paniers.obtenir(request, reply);
    const demarche = field(request.body, 'demarche', 40);
    if (!estDemarche(demarche)) return reply.status(400).page(<DemarchePage ctx={request.pageContext()} erreur={ERREURS.demarche} />);
    // Changing the démarche invalidates the age answered for the previous one.
    const reponses: Reponses = demarche === panier.reponses.demarche ? { ...panier.reponses } : { demarche };
    await boutique.enregistrerReponses(panier, reponses);
    const choix = choisirTimbre(reponses);
    const suite = choix.kind === 'gratuit' ? '/timbre/gratuit' : choix.kind === 'incomplet' ? `/timbre/${choix.question}` : '/timbre/formulaire';
    return reply.redirect(demarche === 'passeport' ? '/timbre/age' : suite, 303);
  });

  app.get('/timbre/age', async (request, reply) => {
    const panier = await garde(request, reply, 'age');
    return panier && reply.page(<AgePage ctx={request.pageContext()} valeur={panier.reponses.age} />);
  });
  app.post('/timbre/age', async (request, reply) => {
    const panier = await garde(request, reply, 'age');
    if (!panier) return reply;
    const age = field(request.body, 'age', 40);
    if (!estAge(age)) return reply.status(400).page(<AgePage ctx={request.pageContext()} erreur={ERREURS.age} />);
    await boutique.enregistrerReponses(panier, { ...panier.reponses, age });
    return reply.redirect('/timbre/formulaire', 303);
  });

  const timbreChoisi = async (panier: Panier) => {
    const choix = choisirTimbre(panier.reponses);
    return choix.kind === 'timbre' ? boutique.tarif(choix.code) : undefined;
  };
  app.get('/timbre/formulaire', async (request, reply) => {
    const panier = await garde(request, reply, 'formulaire');
    if (!panier) return reply;
    const timbre = await timbreChoisi(panier);
    if (!timbre) return reply.redirect('/timbre/demarche', 303);
    return reply.page(<FormulairePage ctx={request.pageContext()} timbre={timbre} />);
  });
  app.post('/timbre/formulaire', async (request, reply) => {
    const panier = await garde(request, reply, 'formulaire');
    if (!panier) return reply;
    // The stamp comes from the answers kept on the server, its price from the catalogue:
    // a code or an amount slipped into the form is simply not read.
    const timbre = await timbreChoisi(panier);
    if (!timbre) return reply.redirect('/timbre/demarche', 303);
    const saisie = field(request.body, 'quantite', 10);
    const quantite = lireQuantite(saisie, QUANTITE_MAX);
    if (!quantite) return reply.status(400).page(<FormulairePage ctx={request.pageContext()} timbre={timbre} quantite={saisie} erreur={ERREURS.quantite} />);
    await boutique.ajouter(panier, timbre.code, quantite);
    await boutique.enregistrerReponses(panier, {});
    return reply.redirect('/timbre/panier', 303);
  });

  // Entry from a pré-demande's summary (a POST form, so its number never sits in a URL).
  app.post('/timbre/depuis-pre-demande', async (request, reply) => {
    const panier = await paniers.obtenir(request, reply);
    const brut = (request.body as Record<string, unknown> | undefined)?.usage;
    const usages = [brut].flat().filter((u): u is string => typeof u === 'string').slice(0, 4);
    const preDemande = field(request.body, 'preDemande', 20).trim().toUpperCase();
    // Attached only to the buyer's own pré-demande: a stamp number shown on someone else's
    // file (a mistyped or forged number) could be used by them. Otherwise it is only pre-selected.
    const titulaire = /^[A-Z0-9]{10}$/.test(preDemande) && request.principal?.kind === 'usager' ? await deps.titulairePreDemande?.(preDemande) : undefined;
    const ajoutes = await boutique.preselectionner(panier, usages, titulaire !== undefined && titulaire === request.principal?.userId ? preDemande : undefined);
    return reply.redirect(ajoutes > 0 ? '/timbre/panier' : '/timbre/demarche', 303);
  });

  app.get('/timbre/panier', async (request, reply) => {
    const panier = await paniers.obtenir(request, reply);
    return reply.page(<PanierPage ctx={request.pageContext()} contenu={await boutique.detail(panier)} />);
  });
  app.post('/timbre/panier/quantite', async (request, reply) => {
    const panier = await paniers.obtenir(request, reply);
    const code = field(request.body, 'code', 60);
    const quantite = lireQuantite(field(request.body, 'quantite', 10), QUANTITE_MAX);
    if (!quantite || !panier.lignes.some((l) => l.code === code)) {
      return reply.status(400).page(<PanierPage ctx={request.pageContext()} contenu={await boutique.detail(panier)} erreur={ERREURS.quantite} />);
    }
    await boutique.changerQuantite(panier, code, quantite);
    return reply.redirect('/timbre/panier', 303);
  });
  app.post('/timbre/panier/retirer', async (request, reply) => {
    const panier = await paniers.obtenir(request, reply);
    await boutique.retirer(panier, field(request.body, 'code', 60));
    return reply.redirect('/timbre/panier', 303);
  });

  app.get('/timbre/reception', async (request, reply) => {
    const panier = await garde(request, reply, 'reception');
    if (!panier) return reply;
    const state: ReceptionState = { mode: panier.modeReception ?? undefined };
    if (panier.modeReception === 'courriel') state.courriel = panier.destinataire ?? undefined;
    if (panier.modeReception === 'sms') state.mobile = panier.destinataire ? `0${panier.destinataire.slice(3)}` : undefined;
    return reply.page(<ReceptionPage ctx={request.pageContext()} state={state} />);
  });
  app.post('/timbre/reception', async (request, reply) => {
    const panier = await garde(request, reply, 'reception');
    if (!panier) return reply;
    const state: ReceptionState = { mode: field(request.body, 'mode', 20), courriel: field(request.body, 'courriel', 254), mobile: field(request.body, 'mobile', 20), erreurs: {} };
    let destinataire: string | undefined;
    if (state.mode === 'courriel') {
      destinataire = normaliserCourriel(state.courriel ?? '');
      if (!destinataire) state.erreurs!.courriel = ERREURS.courriel;
    } else if (state.mode === 'sms') {
      destinataire = mobileE164(state.mobile ?? '');
      if (!destinataire) state.erreurs!.mobile = ERREURS.mobile;
    } else state.erreurs!.mode = ERREURS.mode;
    if (!destinataire) return reply.status(400).page(<ReceptionPage ctx={request.pageContext()} state={state} />);
    await boutique.enregistrerReception(panier, state.mode as 'courriel' | 'sms', destinataire);
    return reply.redirect('/timbre/validation', 303);
  });

  app.get('/timbre/validation', async (request, reply) => {
    const panier = await garde(request, reply, 'validation');
    if (!panier) return reply;
    const contenu = await boutique.detail(panier);
    return reply.page(<ValidationPage ctx={request.pageContext()} contenu={contenu} mode={panier.modeReception!} destinataire={panier.destinataire!} paiementDisponible={boutique.paiementDisponible()} />);
  });
  app.post('/timbre/validation', async (request, reply) => {
    const panier = await garde(request, reply, 'validation');
    if (!panier) return reply;
    const resultat = await boutique.valider(panier, '/timbre/retour');
    if (resultat.ok) return reply.redirect(resultat.redirection, 303);
    if (resultat.motif === 'panier-vide') return reply.redirect('/timbre/panier', 303);
    if (resultat.motif === 'reception') return reply.redirect('/timbre/reception', 303);
    const contenu = await boutique.detail(panier);
    return reply
      .status(503)
      .page(<ValidationPage ctx={request.pageContext()} contenu={contenu} mode={panier.modeReception!} destinataire={panier.destinataire!} paiementDisponible={false} />);
  });
}
