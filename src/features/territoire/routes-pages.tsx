// Pages publiques du territoire : « Où aller ? », la liste et la carte OÙ, la fiche QUI de
// chaque commune (HTML et PDF à afficher en mairie).
import type { FastifyInstance } from 'fastify';
import { OuAllerPage, type EtatOuAller } from './ou-aller-views.tsx';
import { OuPage } from './ou-views.tsx';
import { FicheCommunePage } from './commune-views.tsx';
import { ficheCommunePdf } from './fiche-pdf.ts';
import { lirePosition, listeParam, texteParam } from './saisie.ts';
import { estTypePoint, TYPES_POINT } from './types-points.ts';
import type { TerritoireService } from './territoire-service.ts';

const MESSAGES: Record<'vide' | 'trop-longue' | 'inconnue', (saisie: string) => string> = {
  vide: () => 'Saisissez le nom de votre commune, son code postal ou son code INSEE.',
  'trop-longue': () => 'Votre saisie est trop longue : indiquez seulement le nom de la commune (100 caractères au plus).',
  inconnue: (saisie) => `Aucune commune ne correspond à « ${saisie} ». Vérifiez l’orthographe, ou essayez le code postal.`,
};

export function registerPagesTerritoire(app: FastifyInstance, service: TerritoireService, tuiles?: { url: string; attribution: string }) {
  app.get('/ou-aller', async (request, reply) => {
    const ctx = request.pageContext();
    const noms = await service.recherche.noms();
    const page = (etat: EtatOuAller, status = 200) =>
      reply.status(status).page(<OuAllerPage ctx={ctx} etat={etat} nomDe={(c) => noms.get(c) ?? c} nomDepartement={service.nomDepartement} />);
    const lat = texteParam(request.query, 'lat');
    const lon = texteParam(request.query, 'lon');
    if (lat !== undefined || lon !== undefined) {
      const lue = lirePosition(lat ?? '', lon ?? '');
      if (!lue.ok) return page({ etape: 'erreur-position', lat: (lat ?? '').slice(0, 20), lon: (lon ?? '').slice(0, 20), message: lue.message }, 400);
      return page({ etape: 'reponse', saisie: '', reponse: await service.orientation.pourPosition(lue.position.lon, lue.position.lat) });
    }
    const saisie = texteParam(request.query, 'commune');
    if (saisie === undefined) return page({ etape: 'formulaire' });
    const resultat = await service.orientation.pourSaisie(saisie);
    // Une saisie démesurée n'est pas renvoyée dans la page : elle n'aiderait personne.
    const affichee = saisie.trim().slice(0, 100);
    switch (resultat.statut) {
      case 'vide':
      case 'trop-longue':
        return page({ etape: 'erreur', saisie: '', message: MESSAGES[resultat.statut](affichee) }, 400);
      case 'inconnue':
        return page({ etape: 'erreur', saisie: affichee, message: MESSAGES.inconnue(affichee) }, 404);
      case 'plusieurs':
        return page({ etape: 'choix', saisie: affichee, choix: resultat.choix });
      case 'trouvee':
        return page({ etape: 'reponse', saisie: affichee, reponse: resultat });
    }
  });

  app.get('/ou', async (request, reply) => {
    const demandes = listeParam(request.query, 'type');
    const types = demandes.filter(estTypePoint);
    const invalides = demandes.filter((t) => !estTypePoint(t));
    const [points, noms] = await Promise.all([service.points.lister({ ouvertsSeulement: true }), service.recherche.noms()]);
    return reply.status(invalides.length > 0 ? 400 : 200).page(
      <OuPage
        ctx={request.pageContext()}
        points={points}
        typesChoisis={types.length > 0 ? types : [...TYPES_POINT]}
        filtreInvalide={invalides.length > 0}
        nomDe={(c) => noms.get(c) ?? c}
        nomDepartement={service.nomDepartement}
        departement={service.departement}
        tuiles={tuiles}
      />,
    );
  });

  app.get<{ Params: { code: string } }>('/communes/:code', async (request, reply) => {
    const fiche = await service.fiche(request.params.code);
    if (!fiche) return reply.sendPage('not-found');
    if (fiche.code !== request.params.code) return reply.redirect(`/communes/${fiche.code}`, 301);
    const noms = await service.recherche.noms();
    return reply.page(<FicheCommunePage ctx={request.pageContext()} fiche={fiche} nomDe={(c) => noms.get(c) ?? c} />);
  });

  app.get<{ Params: { code: string } }>('/communes/:code/fiche.pdf', async (request, reply) => {
    const fiche = await service.fiche(request.params.code);
    if (!fiche || fiche.code !== request.params.code) return reply.sendPage('not-found');
    const noms = await service.recherche.noms();
    const pdf = await ficheCommunePdf(fiche, { nomService: service.nomService, nomDe: (c) => noms.get(c) ?? c });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="fiche-${fiche.code}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });
}
