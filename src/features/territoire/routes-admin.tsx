// Administration des lieux d'accueil et du niveau d'équipement ; réservée aux administrateurs.
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { FormulairePoint, ListePointsAdmin, NiveauCommunePage } from './admin-views.tsx';
import { ImportPointsPage, LONGUEUR_MAX_CONTENU, ResultatContoursPage, TAILLE_MAX_FICHIER, TAILLE_MAX_FICHIER_TEXTE, type ErreursChamps } from './admin-import-views.tsx';
import { ecrireCsv, ecrireGeoJson, pointEnSaisie, type ErreurFichier } from './fichiers-points.ts';
import { estFormatImport, importerFichier } from './import-fichiers.ts';
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

interface FichierRecu {
  readonly nom: string;
  readonly octets: Buffer;
  /** Cut at the size limit: never to be applied. */
  readonly tronque: boolean;
}

function lireFormulaire(request: FastifyRequest): SaisiePoint {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const saisie: SaisiePoint = {};
  for (const champ of CHAMPS_POINT) if (typeof body[champ] === 'string') saisie[champ] = body[champ];
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

  // The place form says next to each field which one holds a forbidden character (validerPoint).
  const parChamp = { ...adminOnly, config: { saisieVerifieeParChamp: true } };
  app.post('/admin/points', parChamp, async (request, reply) => {
    const saisie = lireFormulaire(request);
    const { connues } = await points.referentiel();
    const valide = validerPoint(saisie, connues, source(request));
    if (!valide.ok) return reply.status(400).page(<FormulairePoint ctx={request.pageContext()} action="/admin/points" valeurs={saisie} erreurs={valide.erreurs} titre="Ajouter un lieu" />);
    await points.creer(request.principal!, valide.point);
    return reply.redirect('/admin/points?fait=cree', 303);
  });

  // The import page parses multipart/form-data (a real file, no JavaScript needed) in its own
  // scope only. Only admins get that far: the role check runs before the body is read. The
  // CSRF token travels as an ordinary form field, so the kernel checks it once the body is
  // parsed (preHandler), as on every form — nothing is applied before that check.
  app.register(async (scope) => {
    scope.addHook('onRequest', requireAgent('admin'));
    const recus = new WeakMap<FastifyRequest, FichierRecu>();
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      // Over the limit the file is cut, never thrown away silently: it is marked and refused.
      throwFileSizeLimit: false,
      limits: { fileSize: TAILLE_MAX_FICHIER, files: 1, fields: 10, parts: 12, fieldSize: 1024 * 1024 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const morceaux: Buffer[] = [];
        for await (const morceau of part.file) morceaux.push(morceau as Buffer);
        recus.set(this, { nom: part.filename, octets: Buffer.concat(morceaux), tronque: part.file.truncated });
      },
    });

    scope.get('/admin/points/import', async (request, reply) => reply.page(<ImportPointsPage ctx={request.pageContext()} />));

    scope.post('/admin/points/import', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const format = body.format === undefined ? 'csv' : body.format;
      const contenu = typeof body.contenu === 'string' ? body.contenu : '';
      // eslint-disable-next-line no-control-regex
      const sourceSaisie = typeof body.source === 'string' ? body.source.replace(/[\u0000-\u001F\u007F]/g, ' ').trim().slice(0, 300) : '';
      const recu = recus.get(request);
      const fichier = recu && (recu.nom || recu.octets.length > 0) ? recu : null;
      const trop = contenu.length > LONGUEUR_MAX_CONTENU;
      const etat = { format: typeof format === 'string' ? format : undefined, contenu: trop ? '' : contenu, source: sourceSaisie };
      const refuser = (champs: ErreursChamps, erreurs: readonly ErreurFichier[] = []) =>
        reply.status(400).page(<ImportPointsPage ctx={request.pageContext()} etat={{ ...etat, champs, erreurs }} />);

      const champs: ErreursChamps = {};
      if (!estFormatImport(format)) champs.format = 'Choisissez le format du fichier.';
      if (fichier?.tronque) champs.fichier = `Le fichier dépasse ${TAILLE_MAX_FICHIER_TEXTE} : rien n’a été importé. Pour un fichier plus gros, utilisez la commande npm run cli -- territoire.`;
      if (trop) {
        champs.contenu = `Le contenu collé compte ${contenu.length.toLocaleString('fr-FR')} caractères, plus que les ${LONGUEUR_MAX_CONTENU.toLocaleString('fr-FR')} permis : rien n’a été importé. Joignez plutôt le fichier.`;
      } else if (fichier && contenu.trim() !== '') champs.contenu = 'Joignez un fichier ou collez son contenu, pas les deux.';
      if (!fichier && contenu.trim() === '' && !trop) champs.fichier = 'Joignez le fichier à importer, ou collez son contenu.';
      let texte = contenu;
      if (fichier && !champs.fichier) {
        try {
          texte = new TextDecoder('utf-8', { fatal: true }).decode(fichier.octets);
        } catch {
          champs.fichier = 'Le fichier n’est pas encodé en UTF-8 : enregistrez-le en « CSV UTF-8 » (ou UTF-8) puis joignez-le de nouveau.';
        }
      }
      if (Object.keys(champs).length > 0 || !estFormatImport(format)) return refuser(champs);

      const r = await importerFichier(
        { db: deps.db, inTransaction: deps.inTransaction, departement: deps.service.departement },
        { format, texte, fichier: fichier ? `${fichier.nom || 'fichier'} (administration)` : 'contenu collé (administration)', source: sourceSaisie || source(request), acteur: request.principal! },
      );
      if (!r.ok) return refuser({}, r.erreurs);
      if (r.format === 'contours') return reply.page(<ResultatContoursPage ctx={request.pageContext()} resultat={r.contours} />);
      return reply.redirect('/admin/points?fait=importe', 303);
    });
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

  app.post<{ Params: { id: string } }>('/admin/points/:id', parChamp, async (request, reply) => {
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
