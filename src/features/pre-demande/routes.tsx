import type { FastifyInstance, FastifyRequest } from 'fastify';
import { progress, registerJourney } from '../../kernel/forms/index.ts';
import { requireUsager } from '../../kernel/http/web-kernel.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { registerAccompagnementRoutes } from './accompagnement-routes.tsx';
import type { AccompagnementService } from './accompagnement-service.ts';
import { BlocAccompagnement, phraseAide } from './accompagnement-vues.tsx';
import { registerApiAdminRoutes } from './api-admin.tsx';
import { registerApiPreDemandeRoutes } from './api-routes.ts';
import { codeInseeDe } from './codes-postaux.ts';
import { CONTENU } from './contenu.ts';
import { justificatifs } from './justificatifs.ts';
import type { PreDemande } from './pre-demande-repository.ts';
import { ajouterMois, type PreDemandeService } from './pre-demande-service.ts';
import { recapitulatifPdf } from './recapitulatif-pdf.ts';
import { timbresRequis, totalTimbres } from './tarifs.ts';
import type { View } from '../../kernel/views/html.ts';
import { ResultatPage } from './resultat-vues.tsx';
import { dateCourte, ligneMairie, MonEspacePage, TimbreInfo, titreDe, type MairieProche, type TimbreRattache } from './vues.tsx';

export interface PreDemandeRoutesDeps {
  preDemandes: PreDemandeService;
  serviceName: string;
  /** For the appointment-software API and its administration. */
  db: Db;
  rateLimiter: RateLimiter;
  now: () => Date;
  /** The territory's page of a commune (INSEE code): its own places and the nearest DR mairies. */
  /** The person's applications already collected at a mairie, with their timeline. */
  suiviDemandes?: (userId: string) => Promise<View | null>;
  ficheCommune?: (codeInsee: string) => Promise<{ points: readonly (Omit<MairieProche, 'distanceKm'> & { type: string })[]; drProches: readonly MairieProche[] } | null>;
  /** Assisted mode (espace numérique agents); absent: the mode is not offered. */
  accompagnements?: AccompagnementService;
  nomCommune?: (codeInsee: string) => string;
  /** The stamp shop's paid stamps attached to a pré-demande number (timbre's index). */
  timbresDeLaPreDemande?: (numero: string) => Promise<readonly TimbreRattache[]>;
}

export function registerPreDemandeRoutes(app: FastifyInstance, deps: PreDemandeRoutesDeps) {
  const service = deps.preDemandes;
  registerApiPreDemandeRoutes(app, deps);
  // Expiry and reminders run in every instance, once an hour; their effects are idempotent.
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('onReady', () => {
    sweep = setInterval(() => void service.balayer().catch((error: unknown) => app.log.error({ err: error }, 'balayage des pré-demandes')), 3_600_000);
    sweep.unref();
    return Promise.resolve();
  });
  app.addHook('onClose', () => {
    clearInterval(sweep);
    return Promise.resolve();
  });
  registerApiAdminRoutes(app, deps);
  const troisMairies = async (pd: PreDemande) => {
    const code = codeInseeDe(pd.state.answers.codePostal ?? '', pd.state.answers.commune ?? '');
    const fiche = code && deps.ficheCommune ? await deps.ficheCommune(code) : null;
    if (!fiche) return [];
    // The person's own commune first when it has a DR, then the nearest others.
    const surPlace = fiche.points.filter((point) => point.type === 'dr').map((point) => ({ ...point, distanceKm: 0 }));
    return [...surPlace, ...fiche.drProches].slice(0, 3);
  };
  const guard = { preHandler: requireUsager() };
  const nomCommune = deps.nomCommune ?? ((code: string) => code);
  const aideDe = (pd: PreDemande) => (pd.aide ? phraseAide(pd.aide, nomCommune) : null);
  if (deps.accompagnements) registerAccompagnementRoutes(app, { accompagnements: deps.accompagnements, db: deps.db, now: deps.now });
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const mine = (request: FastifyRequest) => service.trouver(idOf(request), request.principal!.userId);

  app.get('/mon-espace', guard, async (request, reply) => {
    const userId = request.principal!.userId;
    const [preDemandes, demandes] = await Promise.all([service.lister(userId), deps.suiviDemandes?.(userId) ?? null]);
    const ctx = request.pageContext();
    const accompagnement = deps.accompagnements ? <BlocAccompagnement ctx={ctx} enCours={await deps.accompagnements.enCours(request.sessionIdHash)} nomCommune={nomCommune} /> : null;
    return reply.page(<MonEspacePage ctx={ctx} preDemandes={preDemandes} demandes={demandes} accompagnement={accompagnement} aideDe={aideDe} />);
  });

  app.post('/pre-demande/nouvelle', guard, async (request, reply) => {
    // In an assisted session, the helping agent is recorded on the new pré-demande.
    const enCours = await deps.accompagnements?.enCours(request.sessionIdHash);
    const id = await service.creer(request.principal!, enCours ? deps.accompagnements!.aideDe(enCours) : null);
    return reply.redirect(`/pre-demande/${id}/titre`, 303);
  });

  // The draft carries the page's anti-CSRF token: the stamp block beside a step holds a form of its own.
  registerJourney<PreDemande & { csrf: string }>(app, {
    journey: service.journey,
    content: CONTENU,
    validators: service.validators,
    prefix: '/pre-demande/:id',
    preHandler: requireUsager(),
    async load(request) {
      const pd = await mine(request);
      // Once validated, the answers are frozen: the journey is no longer open.
      return pd && pd.statut === 'brouillon' ? { draft: { ...pd, csrf: request.csrfToken() }, state: pd.state } : undefined;
    },
    async save(_request, pd, state) {
      await service.enregistrer(pd, state);
    },
    async finish(request, reply, pd, answers) {
      if (!(await service.validationPermise(request.principal!))) return reply.sendPage('too-many');
      const numero = await service.valider(request.principal!, pd, answers);
      if (!numero) return reply.sendPage('bad-request');
      return reply.redirect(`/pre-demande/${pd.id}`, 303);
    },
    aside(path, answers, pd) {
      if (path !== 'timbre' && path !== 'verifier') return null;
      const jour = service.today();
      const jusquau = ajouterMois(new Date(`${jour}T12:00:00Z`), service.validiteMois).toISOString().slice(0, 10);
      return <TimbreInfo answers={answers} jour={jour} jusquau={jusquau} preDemandeId={pd.id} csrf={pd.csrf} />;
    },
  });

  app.get('/pre-demande/:id', guard, async (request, reply) => {
    const pd = await mine(request);
    if (!pd) return reply.sendPage('not-found');
    if (pd.statut === 'brouillon') return reply.redirect(`/pre-demande/${pd.id}/${progress(service.journey, pd.state, service.validators).current}`);
    const jour = service.today();
    const requis = timbresRequis(pd.state.answers, jour);
    const rattaches = pd.numero && requis.length > 0 && deps.timbresDeLaPreDemande ? await deps.timbresDeLaPreDemande(pd.numero) : [];
    const saisis = [pd.state.answers.numeroTimbre, pd.state.answers.numeroTimbre2].filter(Boolean).length;
    // A refunded or expired stamp pays for nothing: it does not count as bought.
    const utilisables = rattaches.filter((t) => t.statut === 'valide' || t.statut === 'consomme').length;
    return reply.page(
      <ResultatPage
        ctx={request.pageContext()}
        pd={pd}
        justificatifs={justificatifs(pd.state.answers, jour)}
        mairies={await troisMairies(pd)}
        aide={aideDe(pd)}
        rendezVous={(await service.rendezVous([pd.id])).get(pd.id) ?? []}
        timbres={{ requis: requis.map((t) => `${t.libelle} (${t.montant} €)`), rattaches, achatPossible: saisis + utilisables < requis.length, jour }}
      />,
    );
  });

  app.get('/pre-demande/:id/recapitulatif.pdf', guard, async (request, reply) => {
    const pd = await mine(request);
    if (!pd || !pd.numero || !pd.expireLe) return reply.sendPage('not-found');
    const answers = pd.state.answers;
    const stamps = timbresRequis(answers, service.today());
    const rattaches = stamps.length > 0 && deps.timbresDeLaPreDemande ? await deps.timbresDeLaPreDemande(pd.numero) : [];
    const bought = [answers.numeroTimbre, answers.numeroTimbre2].filter(Boolean).length + rattaches.filter((t) => t.statut === 'valide' || t.statut === 'consomme').length;
    const pdf = await recapitulatifPdf({
      numero: pd.numero,
      personne: pd.personne,
      titre: titreDe(answers),
      validiteJusquau: dateCourte(pd.expireLe),
      answers,
      justificatifs: justificatifs(answers, service.today()),
      timbre:
        stamps.length === 0
          ? 'Aucun timbre fiscal nécessaire.'
          : `${stamps.map((s) => `${s.libelle} : ${s.montant} €`).join(' ; ')} — total ${totalTimbres(stamps)} €. ${bought >= stamps.length ? 'Numéro de timbre enregistré.' : 'À acheter avant le dépôt.'}${rattaches.length > 0 ? ` Acheté en ligne : ${rattaches.map((t) => t.numero).join(', ')}.` : ''}`,
      aide: aideDe(pd),
      serviceName: deps.serviceName,
      mairies: (await troisMairies(pd)).map(ligneMairie),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="pre-demande-${pd.numero}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.post('/pre-demande/:id/annuler', guard, async (request, reply) => {
    const pd = await mine(request);
    if (!pd) return reply.sendPage('not-found');
    if (!(await service.annuler(request.principal!, pd))) return reply.sendPage('bad-request');
    return reply.redirect(`/pre-demande/${pd.id}`, 303);
  });

  app.post('/pre-demande/:id/renouveler', guard, async (request, reply) => {
    const pd = await mine(request);
    if (!pd) return reply.sendPage('not-found');
    const id = await service.renouveler(request.principal!, pd);
    if (!id) return reply.sendPage('bad-request');
    return reply.redirect(`/pre-demande/${id}`, 303);
  });

  app.post('/pre-demande/:id/supprimer', guard, async (request, reply) => {
    if (!(await service.supprimerBrouillon(idOf(request), request.principal!))) return reply.sendPage('not-found');
    return reply.redirect('/mon-espace', 303);
  });
}
