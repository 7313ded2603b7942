import type { FastifyInstance } from 'fastify';
import type { Db } from '../../kernel/db/database.ts';
import { parisToday } from '../../kernel/forms/index.ts';
import { parcoursPreDemande } from '../pre-demande/index.ts';
import { tarifsTimbres } from '../timbre/index.ts';
import { besoins, CHAMPS_SITUATION, optionsSituation, type Situation } from './besoins.ts';
import { CE_QU_IL_VOUS_FAUT as C } from './contenu/ce-qu-il-vous-faut.ts';
import { ficheBesoinsPdf } from './fiche-pdf.ts';
import { CHEMIN_BIENTOT, CONTENUS_GUIDES, guide, guides, type ContexteGuides } from './guides.ts';
import { BientotDisponiblePage, GuidePage, GuidesPage } from './vues.tsx';
import { CeQuIlVousFautPage, type EtatBesoins } from './vues-besoins.tsx';

export interface GuidesDeps {
  db: Db;
  now: () => Date;
  serviceName: string;
  /** Printed guides spell out each link's full address. */
  publicUrl: URL;
}

export function registerGuidesRoutes(app: FastifyInstance, deps: GuidesDeps) {
  const aujourdhui = parisToday(deps.now);
  const journey = parcoursPreDemande(aujourdhui);
  const options = optionsSituation(journey);
  const contexte = async (): Promise<ContexteGuides> => ({
    tarifs: await tarifsTimbres(deps.db, deps.now()),
    pageExiste: (chemin) => app.hasRoute({ method: 'GET', url: chemin }),
  });

  app.get('/guides', async (request, reply) => reply.page(<GuidesPage ctx={request.pageContext()} guides={guides(await contexte())} />));
  for (const { slug } of CONTENUS_GUIDES) {
    app.get(`/guides/${slug}`, async (request, reply) => reply.page(<GuidePage ctx={request.pageContext()} guide={guide(await contexte(), slug)} origine={deps.publicUrl.origin} />));
  }

  const lireSituation = (query: unknown) => {
    const brut = (query ?? {}) as Record<string, unknown>;
    const saisie: EtatBesoins['saisie'] = {};
    const erreurs: EtatBesoins['erreurs'] = {};
    for (const { champ, options: possibles } of options) {
      const valeur = typeof brut[champ] === 'string' ? brut[champ] : undefined;
      if (valeur !== undefined && possibles.some((o) => o.valeur === valeur)) saisie[champ] = valeur;
      else erreurs[champ] = C.filtres.erreur;
    }
    const complete = Object.keys(erreurs).length === 0;
    return { saisie, erreurs, situation: complete ? (saisie as Situation) : undefined, vide: CHAMPS_SITUATION.every((c) => brut[c] === undefined) };
  };

  app.get('/guides/ce-qu-il-vous-faut', async (request, reply) => {
    const { saisie, erreurs, situation, vide } = lireSituation(request.query);
    // A first visit asks the question; only a submitted, incomplete answer is an error.
    if (!situation) return reply.status(vide ? 200 : 400).page(<CeQuIlVousFautPage ctx={request.pageContext()} etat={{ options, saisie, erreurs: vide ? {} : erreurs }} />);
    const resultat = besoins(journey, situation, aujourdhui(), await tarifsTimbres(deps.db, deps.now()));
    const lienFiche = `/guides/ce-qu-il-vous-faut.pdf?${new URLSearchParams(situation).toString()}`;
    return reply.page(<CeQuIlVousFautPage ctx={request.pageContext()} etat={{ options, saisie, erreurs: {}, besoins: resultat, lienFiche }} />);
  });

  // A few dozen situations and one tariff table a day: each sheet is built once, then served from memory.
  const fiches = new Map<string, Uint8Array>();
  app.get('/guides/ce-qu-il-vous-faut.pdf', async (request, reply) => {
    const { situation } = lireSituation(request.query);
    if (!situation) return reply.sendPage('bad-request');
    const jour = aujourdhui();
    const tarifs = await tarifsTimbres(deps.db, deps.now());
    const cle = JSON.stringify([situation.titre, situation.motif, situation.pour, jour, tarifs.map((t) => [t.code, t.libelle, t.montantCentimes, t.conditions])]);
    let pdf = fiches.get(cle);
    if (!pdf) {
      if (fiches.size > 500) fiches.clear();
      pdf = await ficheBesoinsPdf(besoins(journey, situation, jour, tarifs), { serviceName: deps.serviceName, jour });
      fiches.set(cle, pdf);
    }
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="ce-qu-il-vous-faut-${situation.titre}-${situation.motif}-${situation.pour}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.get(CHEMIN_BIENTOT, async (request, reply) => {
    const page = (request.query as Record<string, unknown> | undefined)?.page;
    // Only a plain site path is echoed back, never arbitrary text.
    const chemin = typeof page === 'string' && /^\/[\w\-/.]{0,100}$/.test(page) ? page : undefined;
    return reply.page(<BientotDisponiblePage ctx={request.pageContext()} page={chemin} />);
  });
}
