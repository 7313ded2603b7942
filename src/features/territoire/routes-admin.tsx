// Administration des lieux d'accueil et du niveau d'équipement ; réservée aux administrateurs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { FormulairePoint, ListePointsAdmin, NiveauCommunePage } from './admin-views.tsx';
import { ImportPointsPage } from './admin-import-views.tsx';
import { ecrireCsv, ecrireGeoJson, lireCsv, pointEnSaisie, validerFichier } from './fichiers-points.ts';
import { pointsService } from './points-service.ts';
import type { TerritoireService } from './territoire-service.ts';
import { estNiveau } from './types-points.ts';
import { CHAMPS_POINT, validerPoint, type SaisiePoint } from './validation-point.ts';
import { UUID } from '../../kernel/db/ids.ts';

const NOTICES: Record<string, string> = {
  cree: 'Le lieu est enregistré.',
  importe: 'Le fichier est importé.',
  modifie: 'Le lieu est modifié.',
  ferme: 'Le lieu est fermé : il n’apparaît plus dans les recherches.',
  rouvert: 'Le lieu est rouvert.',
};

function lireFormulaire(request: FastifyRequest): SaisiePoint {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const saisie: SaisiePoint = {};
  for (const champ of CHAMPS_POINT) if (typeof body[champ] === 'string') saisie[champ] = body[champ] as string;
  return saisie;
}

export function registerAdminTerritoire(app: FastifyInstance, deps: { db: Db; inTransaction: InTransaction; service: TerritoireService }) {
  const adminOnly = { preHandler: requireAgent('admin') };
  const points = pointsService(deps);
  const source = (request: FastifyRequest) => `Saisie administrateur (${request.principal?.displayName ?? 'inconnu'})`;

  app.get('/admin/points', adminOnly, async (request, reply) => {
    const [liste, noms] = await Promise.all([points.lister(), deps.service.recherche.noms()]);
    const fait = (request.query as Record<string, unknown>).fait;
    return reply.page(<ListePointsAdmin ctx={request.pageContext()} points={liste} nomDe={(c) => noms.get(c) ?? c} notice={typeof fait === 'string' ? NOTICES[fait] : undefined} />);
  });

  app.get('/admin/points/nouveau', adminOnly, async (request, reply) =>
    reply.page(<FormulairePoint ctx={request.pageContext()} action="/admin/points" valeurs={{}} erreurs={{}} titre="Ajouter un lieu" />),
  );

  app.post('/admin/points', adminOnly, async (request, reply) => {
    const saisie = lireFormulaire(request);
    const { connues } = await points.referentiel();
    const valide = validerPoint(saisie, connues, source(request));
    if (!valide.ok) return reply.status(400).page(<FormulairePoint ctx={request.pageContext()} action="/admin/points" valeurs={saisie} erreurs={valide.erreurs} titre="Ajouter un lieu" />);
    await points.creer(request.principal!, valide.point);
    return reply.redirect('/admin/points?fait=cree', 303);
  });

  app.get('/admin/points/import', adminOnly, async (request, reply) => reply.page(<ImportPointsPage ctx={request.pageContext()} />));

  app.post('/admin/points/import', adminOnly, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const contenu = typeof body.contenu === 'string' ? body.contenu.slice(0, 60_000) : '';
    // eslint-disable-next-line no-control-regex
    const sourceSaisie = typeof body.source === 'string' ? body.source.replace(/[\u0000-\u001F\u007F]/g, ' ').trim().slice(0, 300) : '';
    const { connues } = await points.referentiel();
    const valide = validerFichier(lireCsv(contenu), connues, sourceSaisie || source(request));
    if (!valide.ok) return reply.status(400).page(<ImportPointsPage ctx={request.pageContext()} contenu={contenu} source={sourceSaisie} erreurs={valide.erreurs} />);
    await points.importer(request.principal!, valide.points, 'formulaire d’administration');
    return reply.redirect('/admin/points?fait=importe', 303);
  });

  for (const [format, type, ecrire] of [['csv', 'text/csv; charset=utf-8', ecrireCsv], ['geojson', 'application/geo+json; charset=utf-8', ecrireGeoJson]] as const) {
    app.get(`/admin/points/export.${format}`, adminOnly, async (_request, reply) =>
      reply.header('content-type', type).header('content-disposition', `attachment; filename="lieux.${format}"`).send(ecrire(await points.lister())),
    );
  }

  app.get<{ Params: { id: string } }>('/admin/points/:id', adminOnly, async (request, reply) => {
    const point = UUID.test(request.params.id) ? await points.parId(request.params.id) : null;
    if (!point) return reply.sendPage('not-found');
    return reply.page(<FormulairePoint ctx={request.pageContext()} action={`/admin/points/${point.id}`} valeurs={pointEnSaisie(point)} erreurs={{}} titre={`Modifier : ${point.nom}`} />);
  });

  app.post<{ Params: { id: string } }>('/admin/points/:id', adminOnly, async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.sendPage('not-found');
    const saisie = lireFormulaire(request);
    const { connues } = await points.referentiel();
    const valide = validerPoint(saisie, connues, source(request));
    const action = `/admin/points/${request.params.id}`;
    if (!valide.ok) return reply.status(400).page(<FormulairePoint ctx={request.pageContext()} action={action} valeurs={saisie} erreurs={valide.erreurs} titre="Modifier un lieu" />);
    if (!(await points.modifier(request.principal!, request.params.id, valide.point))) return reply.sendPage('not-found');
    return reply.redirect('/admin/points?fait=modifie', 303);
  });

  for (const [action, ouvert, notice] of [['fermer', false, 'ferme'], ['rouvrir', true, 'rouvert']] as const) {
    app.post<{ Params: { id: string } }>(`/admin/points/:id/${action}`, adminOnly, async (request, reply) => {
      if (!UUID.test(request.params.id) || !(await points.definirOuvert(request.principal!, request.params.id, ouvert))) return reply.sendPage('not-found');
      return reply.redirect(`/admin/points?fait=${notice}`, 303);
    });
  }

  app.get<{ Params: { code: string } }>('/admin/communes/:code', adminOnly, async (request, reply) => {
    const fiche = await deps.service.fiche(request.params.code);
    if (!fiche) return reply.sendPage('not-found');
    return reply.page(<NiveauCommunePage ctx={request.pageContext()} code={fiche.code} nom={fiche.commune.nom} niveau={fiche.niveau} deduit={fiche.niveauDeduit} fixe={fiche.niveauFixe} />);
  });

  app.post<{ Params: { code: string } }>('/admin/communes/:code/niveau', adminOnly, async (request, reply) => {
    const fiche = await deps.service.fiche(request.params.code);
    if (!fiche) return reply.sendPage('not-found');
    const choix = ((request.body ?? {}) as Record<string, unknown>).niveau;
    if (choix !== 'deduit' && !estNiveau(choix)) {
      return reply
        .status(400)
        .page(<NiveauCommunePage ctx={request.pageContext()} code={fiche.code} nom={fiche.commune.nom} niveau={fiche.niveau} deduit={fiche.niveauDeduit} fixe={fiche.niveauFixe} erreur="Choisissez un niveau d’équipement." />);
    }
    await points.fixerNiveau(request.principal!, fiche.code, choix === 'deduit' ? null : choix);
    return reply.redirect(`/admin/communes/${fiche.code}`, 303);
  });
}
