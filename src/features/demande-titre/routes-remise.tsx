import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import { LIBELLES_ETATS } from './cycle-de-vie.ts';
import type { QualiteRepresentant } from './demandes-repository.ts';
import { ANCIEN_TITRE, lireSaisieRemise, MESSAGES_CONTROLE, methodeControle, validerSaisieRemise, type ControleIdentite } from './remise.ts';
import { UUID } from '../../kernel/db/ids.ts';
import { champs, type MairieDeps, type OptionsAffichage } from './routes-mairie.tsx';
import { RechercheRemisePage, type RechercheRemise } from './views-remise.tsx';

const NUMERO_DEMANDE = /^D-[0-9AB]{2,3}-[A-Z2-9]{8}$/;
// A busy counter hands over a few dozen titles an hour; more searches than that look like a sweep.
const RECHERCHES_PAR_QUART_HEURE = 40;

/** Names compared the way people type them: no accents, no case, no spaces or hyphens. */
const normaliserNom = (nom: string) =>
  nom
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

/** A real calendar date (not 2024-13-45), from 1900 on: anything else is a typing error, not a crash. */
const dateReelle = (texte: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(texte)) return false;
  const date = new Date(`${texte}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1900 && date.toISOString().slice(0, 10) === texte;
};

interface Outils {
  garde: RouteShorthandOptions;
  afficher: (request: FastifyRequest, reply: FastifyReply, id: string, options?: OptionsAffichage) => Promise<FastifyReply>;
  refuser: (request: FastifyRequest, reply: FastifyReply, action: string) => Promise<FastifyReply>;
}

/**
 * The remise: find the title waiting in the agent's mairie (récépissé QR or number, or name
 * and birth date, by POST so no personal data sits in a URL), check the holder's identity
 * through the dispositif de recueil or the legal representative, record the old title.
 */
export function registerRemiseRoutes(app: FastifyInstance, deps: MairieDeps, { garde, afficher, refuser }: Outils) {
  const page = (request: FastifyRequest, reply: FastifyReply, etat: RechercheRemise, status = 200) => reply.status(status).page(<RechercheRemisePage ctx={request.pageContext()} etat={etat} />);

  app.get('/mairie/remise', garde, async (request, reply) => page(request, reply, {}));

  app.post('/mairie/remise', garde, async (request, reply) => {
    const principal = request.principal!;
    const commune = principal.communeInsee!;
    const body = champs(request.body);
    const parNom = body.recherche === 'identite';
    const numero = (body.numero ?? '').replace(/\s/g, '').toUpperCase().slice(0, 40);
    const nom = (body.nom ?? '').trim().slice(0, 80);
    const dateNaissance = (body.date_naissance ?? '').trim().slice(0, 10);
    const saisie = parNom ? { nom, date_naissance: dateNaissance } : { numero };

    const erreurs: RechercheRemise['erreurs'] = {};
    if (!parNom && !NUMERO_DEMANDE.test(numero)) erreurs.numero = numero ? 'Le numéro de demande a la forme D-24-K7M2QX9P.' : 'Scannez le QR code du récépissé ou saisissez le numéro de demande.';
    if (parNom && normaliserNom(nom).length === 0) erreurs.nom = 'Saisissez le nom de naissance du titulaire.';
    if (parNom && !dateReelle(dateNaissance)) erreurs.date_naissance = 'Saisissez la date de naissance du titulaire, par exemple 14/05/1980.';
    if (Object.keys(erreurs).length > 0) return page(request, reply, { ...saisie, erreurs }, 400);

    const audit = (outcome: 'succes' | 'refus', details: Record<string, unknown>, objectId: string | null = null) =>
      recordAudit(deps.db, principal, { action: 'rechercher-titre-a-remettre', objectType: 'demande_titre', objectId, outcome, details: { recherche: parNom ? 'nom' : 'numero', ...details } });
    const verdict = await deps.rateLimiter.hit(`remise-recherche:${deps.pseudonymize('user', principal.userId)}`, RECHERCHES_PAR_QUART_HEURE, 15 * 60);
    if (!verdict.allowed) {
      await audit('refus', { motif: 'trop-de-recherches' });
      return page(request, reply, { ...saisie, alerte: { type: 'error', titre: 'Trop de recherches', texte: 'Patientez quelques minutes avant de chercher un autre titre.' } }, 429);
    }

    if (!parNom) {
      const demande = await deps.demandes.trouverParNumero({ commune }, numero);
      const aRemettre = demande && demande.commune_remise === commune && demande.etat === 'disponible';
      await audit(aRemettre ? 'succes' : 'refus', { resultats: aRemettre ? 1 : 0 }, demande?.id ?? null);
      if (aRemettre) return reply.redirect(`/mairie/demandes/${demande.id}`, 303);
      const texte =
        demande && demande.commune_remise === commune
          ? `Cette demande n’a pas de titre à remettre : elle est ${LIBELLES_ETATS[demande.etat]}.`
          : 'Aucun titre n’attend dans votre mairie sous ce numéro. Vérifiez-le sur le récépissé, ou cherchez par le nom et la date de naissance.';
      return page(request, reply, { ...saisie, alerte: { type: 'info', titre: 'Aucun titre à remettre', texte } }, 404);
    }

    const cherche = normaliserNom(nom);
    const resultats = (await deps.demandes.aRemettreNesLe(commune, dateNaissance)).filter((demande) => normaliserNom(demande.nom) === cherche);
    await audit(resultats.length > 0 ? 'succes' : 'refus', { resultats: resultats.length });
    if (resultats.length === 0) {
      return page(request, reply, { ...saisie, alerte: { type: 'info', titre: 'Aucun titre à remettre', texte: 'Aucun titre n’attend dans votre mairie pour ce nom de naissance et cette date de naissance.' } }, 404);
    }
    return page(request, reply, { ...saisie, resultats });
  });

  app.post<{ Params: { id: string } }>('/mairie/demandes/:id/remettre', garde, async (request, reply) => {
    const principal = request.principal!;
    const id = request.params.id;
    const demande = UUID.test(id) ? await deps.demandes.trouver({ commune: principal.communeInsee! }, id) : undefined;
    if (!demande || demande.commune_remise !== principal.communeInsee) return refuser(request, reply, 'remettre');
    if (demande.etat !== 'disponible') {
      // Refused by the lifecycle (and audited there) with the reason in the agent's words.
      const refus = await deps.demandes.appliquer(principal, id, 'remettre');
      return afficher(request, reply, id, { erreur: refus.ok ? undefined : refus.raison, status: 400 });
    }

    const maintenant = deps.now();
    const methode = methodeControle(demande, maintenant);
    const saisie = lireSaisieRemise(champs(request.body));
    const erreurs = validerSaisieRemise(saisie, methode);
    if (Object.keys(erreurs).length > 0) return afficher(request, reply, id, { remise: { methode, saisie, erreurs } });

    let controle: ControleIdentite;
    if (methode === 'empreintes') {
      const dispositif = deps.dispositif(principal.communeInsee);
      const verification = await dispositif.verifierEmpreintes({ reference: demande.numero, dateNaissance: new Date(`${demande.date_naissance}T00:00:00Z`) }, maintenant);
      controle = verification.ok
        ? { methode, resultat: verification.concordance ? 'concordance' : 'discordance', dispositif: verification.dispositif }
        : { methode, resultat: 'dispositif_indisponible', dispositif: dispositif.identifiant };
      if (controle.resultat !== 'concordance') {
        await deps.demandes.enregistrerControle(principal, id, controle);
        const panne = controle.resultat === 'dispositif_indisponible';
        return afficher(request, reply, id, { erreur: MESSAGES_CONTROLE[controle.resultat], status: panne ? 503 : 409, remise: { methode, saisie, erreurs: {}, reessayer: panne } });
      }
    } else {
      controle = { methode, resultat: 'representant_present', representantNom: saisie.representant_nom, representantQualite: saisie.representant_qualite as QualiteRepresentant };
    }
    const resultat = await deps.demandes.appliquer(principal, id, 'remettre', { controle, ancienTitre: ANCIEN_TITRE[saisie.ancien]!.valeur });
    if (!resultat.ok) return resultat.code === 'INTROUVABLE' ? reply.sendPage('not-found') : afficher(request, reply, id, { erreur: resultat.raison, remise: { methode, saisie, erreurs: {} } });
    return reply.redirect(`/mairie/demandes/${id}`, 303);
  });
}
