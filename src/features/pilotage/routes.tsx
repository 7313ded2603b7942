import type { FastifyInstance, FastifyRequest } from 'fastify';
import { field } from '../../kernel/http/input.ts';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Db } from '../../kernel/db/database.ts';
import { requireAgent } from '../../kernel/http/web-kernel.ts';
import { csv, figures, IDS_FIGURES } from './figures.ts';
import { lireFiltres, perimetreDe, type FiltresLus } from './filtres.ts';
import type { Perimetre } from './modele.ts';
import { referentiel, type TerritoireLu } from './referentiel.ts';
import { tableauService } from './tableau-service.ts';
import { PilotagePage } from './views.tsx';

export interface PilotageDeps {
  db: Db;
  now: () => Date;
  /** The département of this platform: an administrator's default view. */
  departement: string;
  territoire: TerritoireLu;
}

export function registerPilotageRoutes(app: FastifyInstance, deps: PilotageDeps) {
  const ref = referentiel(deps.territoire);
  const service = tableauService({ db: deps.db, referentiel: ref });
  const garde = { preHandler: requireAgent('agent_mairie', 'agent_prefecture', 'instructeur', 'admin') };

  const libelle = (p: Perimetre | undefined) =>
    !p ? 'Votre compte n’est rattaché à aucune commune ni à aucun département : aucun chiffre ne peut être montré.'
    : p.niveau === 'commune' ? `Mairie de ${ref.nom(p.commune)} (${p.commune})`
    : p.niveau === 'departement' ? `Département ${p.departement}`
    : 'France entière';

  function lire(request: FastifyRequest): FiltresLus & { perimetre: Perimetre | undefined } {
    const principal = request.principal!;
    const arrondissements = (choisi: string | undefined) => {
      const p = perimetreDe(principal, choisi, deps.departement);
      return p?.niveau === 'departement' ? ref.arrondissements(p.departement).map((a) => a.code) : [];
    };
    const filtres = lireFiltres(request.query, deps.now(), arrondissements);
    return { ...filtres, perimetre: perimetreDe(principal, filtres.departementChoisi, deps.departement) };
  }

  // Only the filters go back into the export links: the query string holds nothing else.
  const requeteDe = (f: FiltresLus) => new URLSearchParams(Object.entries(f.saisie).filter(([, v]) => v !== '')).toString();

  app.get('/pilotage', garde, async (request, reply) => {
    const f = lire(request);
    const valide = Object.keys(f.erreurs).length === 0 && f.perimetre !== undefined;
    const tableau = valide ? await service.construire({ perimetre: f.perimetre!, periode: f.periode, titre: f.titre, arrondissement: f.arrondissement }) : undefined;
    const carte = f.perimetre?.niveau === 'departement' && f.perimetre.departement === ref.departementCharge;
    return reply.status(Object.keys(f.erreurs).length > 0 ? 400 : 200).page(
      <PilotagePage
        ctx={request.pageContext()}
        libellePerimetre={libelle(f.perimetre)}
        perimetre={f.perimetre}
        saisie={f.saisie}
        erreurs={f.erreurs}
        choixDepartement={request.principal!.role === 'admin'}
        arrondissements={f.perimetre?.niveau === 'departement' ? ref.arrondissements(f.perimetre.departement) : []}
        tableau={tableau}
        centres={carte ? await ref.centres() : undefined}
        requete={requeteDe(f)}
      />,
    );
  });

  app.get('/pilotage/export.csv', garde, async (request, reply) => {
    const f = lire(request);
    const id = field(request.query, 'figure', 40);
    if (Object.keys(f.erreurs).length > 0 || !f.perimetre || !(IDS_FIGURES as readonly string[]).includes(id)) {
      const message = !f.perimetre ? 'Aucun périmètre' : Object.values(f.erreurs)[0] ?? 'Figure inconnue : choisissez-la depuis le tableau de bord.';
      return reply.status(400).type('text/plain; charset=utf-8').send(message);
    }
    const tableau = await service.construire({ perimetre: f.perimetre, periode: f.periode, titre: f.titre, arrondissement: f.arrondissement });
    const figure = figures(tableau).find((x) => x.id === id);
    if (!figure) return reply.status(404).type('text/plain; charset=utf-8').send('Cette figure n’existe pas pour ce périmètre.');
    await recordAudit(deps.db, request.principal, { action: 'exporter-pilotage', objectType: 'pilotage', objectId: null, details: { figure: id, ...f.saisie } });
    return reply
      .header('content-disposition', `attachment; filename="pilotage-${id}-${f.periode.du}-${f.periode.au}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv(figure));
  });
}
