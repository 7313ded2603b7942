// /kit et /kit.pdf, /kit/commune/<INSEE> et son PDF. Les PDF sont gardés en mémoire tant que
// la version des données ne change pas (un lieu ajouté par un administrateur change la
// version : le kit suivant le montre) ; seule une génération compte dans la limite de débit,
// un PDF déjà prêt est servi sans limite.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pseudonymize } from '../../kernel/auth/pseudonym.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { guides } from '../guides/index.ts';
import { versionTerritoire } from '../territoire/index.ts';
import { tarifsTimbres } from '../timbre/index.ts';
import { cacheParVersion } from './cache.ts';
import { carteSvg } from './carte-svg.ts';
import { OU } from './contenu.ts';
import { kitPdf } from './kit-pdf.ts';
import { comptesParType, kitService, type DonneesKit, type KitServiceDeps } from './kit-service.ts';
import { descriptionCarte } from './sections-views.tsx';
import { KitPage, type ChoixCommune } from './views.tsx';

export interface KitDeps extends Omit<KitServiceDeps, 'versionTerritoire' | 'guides'> {
  db: Db;
  rateLimiter: RateLimiter;
  pseudonymize: Pseudonymize;
}

/** Générations de PDF par client et par fenêtre : largement assez pour un agent qui imprime les kits de son secteur. */
export const GENERATIONS = { limite: 30, fenetreSecondes: 10 * 60 } as const;
const CODE_INSEE = /^[0-9][0-9AB][0-9]{3}$/;
const CSS = readFileSync(new URL('./kit.css', import.meta.url));

const MESSAGES = {
  vide: 'Saisissez le nom de votre commune, son code postal ou son code INSEE.',
  'trop-longue': 'Votre saisie est trop longue : indiquez seulement le nom de la commune (100 caractères au plus).',
  inconnue: (saisie: string) => `Aucune commune ne correspond à « ${saisie} ». Vérifiez l’orthographe, ou essayez le code postal.`,
} as const;

export function registerKitRoutes(app: FastifyInstance, deps: KitDeps) {
  const service = kitService({
    ...deps,
    versionTerritoire: () => versionTerritoire(deps.db),
    // Les fiches COMMENT telles que /guides les montre : prix du catalogue du jour, liens vérifiés.
    guides: async () => {
      const tarifs = await tarifsTimbres(deps.db, deps.now());
      return { empreinte: JSON.stringify(tarifs), construire: () => guides({ tarifs, pageExiste: (chemin) => app.hasRoute({ method: 'GET', url: chemin }) }) };
    },
  });
  // Le kit du département et ceux des communes les plus demandées (quelques centaines de Kio chacun).
  const pdfs = cacheParVersion<Uint8Array>(64);

  app.get('/kit/kit.css', async (_request, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

  const cartes = cacheParVersion<string>(1);
  app.get('/kit/carte.svg', async (request, reply) => {
    const version = await service.version();
    const etag = `"carte-${version.cle}"`;
    // Demandée avec sa version (l'adresse que donne la page), l'image ne change jamais : cache long.
    const versionnee = (request.query as Record<string, unknown>).v === version.cle;
    reply.header('etag', etag).header('cache-control', versionnee ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const svg =
      cartes.lire('carte', version.cle) ??
      cartes.ecrire('carte', version.cle, service.donnees(version).then((d) => carteSvg(d.carte, OU.carteTitre(d.nomDepartement), descriptionCarte(d), comptesParType(d.points), OU.centreCommune)));
    return reply.header('content-type', 'image/svg+xml; charset=utf-8').send(await svg);
  });

  app.get('/kit', async (request, reply) => reply.page(<KitPage ctx={request.pageContext()} d={await service.donnees()} />));

  app.get('/kit/commune', async (request, reply) => {
    const brute = (request.query as Record<string, unknown>).commune;
    const saisie = typeof brute === 'string' ? brute : '';
    const affichee = saisie.trim().slice(0, 100);
    const page = async (choix: ChoixCommune, status: number) => reply.status(status).page(<KitPage ctx={request.pageContext()} d={await service.donnees()} choix={choix} />);
    const resolution = await deps.territoire.recherche.resoudre(saisie);
    switch (resolution.statut) {
      case 'vide':
      case 'trop-longue':
        return page({ saisie: '', erreur: MESSAGES[resolution.statut] }, 400);
      case 'inconnue':
        return page({ saisie: affichee, erreur: MESSAGES.inconnue(affichee) }, 404);
      case 'plusieurs':
        return page(
          {
            saisie: affichee,
            choix: resolution.choix.map((r) => ({
              code: r.communeNouvelle?.code ?? r.commune.code,
              libelle: `${r.commune.nom} (${r.commune.codesPostaux.join(', ') || r.commune.code})${r.communeNouvelle ? `, commune déléguée de ${r.communeNouvelle.nom}` : ''}`,
            })),
          },
          200,
        );
      case 'trouvee':
        return reply.redirect(`/kit/commune/${resolution.resultat.communeNouvelle?.code ?? resolution.resultat.commune.code}`, 303);
    }
  });

  app.get<{ Params: { insee: string } }>('/kit/commune/:insee', async (request, reply) => {
    const enPdf = request.params.insee.endsWith('.pdf');
    const code = enPdf ? request.params.insee.slice(0, -4) : request.params.insee;
    if (!CODE_INSEE.test(code)) return reply.sendPage('not-found');
    if (!enPdf) {
      const commune = await service.commune(code);
      if (!commune) return reply.sendPage('not-found');
      if (commune.fiche.code !== code) return reply.redirect(`/kit/commune/${commune.fiche.code}`, 301);
      return reply.page(<KitPage ctx={request.pageContext()} d={await service.donnees()} commune={commune} />);
    }
    return envoyerPdf(request, reply, `commune:${code}`, `kit-${code}.pdf`, async (d) => {
      const commune = await service.commune(code);
      if (!commune) return null;
      // Un ancien code ou une commune déléguée : le PDF est celui de la commune actuelle.
      if (commune.fiche.code !== code) return { redirection: `/kit/commune/${commune.fiche.code}.pdf` };
      return { fabriquer: () => kitPdf(d, commune) };
    });
  });

  app.get('/kit.pdf', async (request, reply) => envoyerPdf(request, reply, 'kit', `kit-${deps.territoire.departement}.pdf`, (d) => Promise.resolve({ fabriquer: () => kitPdf(d) })));

  async function envoyerPdf(
    request: FastifyRequest,
    reply: FastifyReply,
    cle: string,
    fichier: string,
    preparer: (d: DonneesKit) => Promise<{ fabriquer: () => Promise<Uint8Array> } | { redirection: string } | null>,
  ) {
    const version = await service.version();
    const etag = `"${cle}-${version.cle}"`;
    if (request.headers['if-none-match'] === etag) return reply.status(304).header('etag', etag).send();
    let pdf = pdfs.lire(cle, version.cle);
    if (!pdf) {
      const essai = await deps.rateLimiter.hit(`kit-pdf:${deps.pseudonymize('ip', request.ip)}`, GENERATIONS.limite, GENERATIONS.fenetreSecondes);
      if (!essai.allowed) return reply.header('retry-after', String(essai.retryAfterSeconds)).sendPage('too-many');
      const preparation = await preparer(await service.donnees(version));
      if (preparation === null) return reply.sendPage('not-found');
      if ('redirection' in preparation) return reply.redirect(preparation.redirection, 301);
      // Relu après les attentes : une demande simultanée a pu lancer la même génération.
      pdf = pdfs.lire(cle, version.cle) ?? pdfs.ecrire(cle, version.cle, preparation.fabriquer());
    }
    const octets = await pdf;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${fichier}"`)
      // Toujours revalidé : l'ETag suit la version des données, un kit n'est jamais servi périmé.
      .header('cache-control', 'no-cache')
      .header('etag', etag)
      .send(Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength));
  }
}
