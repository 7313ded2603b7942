// Intégration : import des contours IGN Admin Express réels (../shared/data, jamais copiés
// dans le dépôt) et import/export des lieux, tout ou rien, erreurs numérotées par ligne.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { executerCommandeTerritoire, type Sortie } from './cli.ts';
import { MAX_LIEUX_PAR_IMPORT } from './import-fichiers.ts';
import { pointsRepository, type DonneesPoint } from './points-repository.ts';

const CONTOURS = resolve(import.meta.dirname, '../../../../shared/data/admin-express-2018-dordogne/communes-24-dordogne.geojson');
const contoursPresents = existsSync(CONTOURS);
if (!contoursPresents) console.warn(`Tests d'import des contours ignorés : ${CONTOURS} est absent.`);

let built: GuichetApp;
const dossier = mkdtempSync(join(tmpdir(), 'territoire-'));
beforeAll(async () => {
  built = await createTestApp();
}, 180_000);
afterAll(async () => {
  await built?.app.close();
});

function sortie() {
  const lignes: string[] = [];
  const erreurs: string[] = [];
  const progression: [number, number][] = [];
  const s: Sortie = { ecrire: (l) => lignes.push(l), erreur: (l) => erreurs.push(l), progression: (f, t) => progression.push([f, t]) };
  return { s, lignes, erreurs, progression };
}

const commande = (args: string[], s: Sortie, source?: string) =>
  executerCommandeTerritoire(args, { db: built.db, inTransaction: built.inTransaction, departement: '24', sortie: s }, { source });
const orientation = async (q: string) => (await built.app.inject(`/api/v1/orientation?commune=${encodeURIComponent(q)}`)).json() as Record<string, unknown>;

describe.skipIf(!contoursPresents)('import of IGN Admin Express 2018 contours', () => {
  it('gives every commune a centre and an outline, reconciles merged codes, and moves the points placed at a centre', async () => {
    expect((await orientation('Abjat-sur-Bandiat')).centre_connu).toBe(false);
    const { s, lignes, progression } = sortie();
    expect(await commande(['import-contours', CONTOURS], s)).toBe(0);
    expect(lignes[0]).toMatch(/^520 contours lus/);
    expect(progression.at(-1)?.[0]).toBe(progression.at(-1)?.[1]);

    const abjat = await orientation('Abjat-sur-Bandiat');
    expect(abjat).toMatchObject({ centre_connu: true, origine: { source: 'admin-express' } });
    expect((abjat.dr as { properties: { commune_nom: string } }[])[0]!.properties.commune_nom).toBe('Nontron');
    // Belvès, code de 2018 devenu commune déléguée de Pays de Belvès : centre de son propre contour.
    const belves = await orientation('Belvès');
    expect(belves).toMatchObject({ commune: { nom: 'Belvès', type: 'commune-deleguee' }, centre_connu: true });
    const contours = (await built.app.inject('/api/v1/contours')).json() as { features: { properties: { code: string } }[] };
    expect(contours.features.length).toBeGreaterThan(450);
    const dr = (await built.app.inject('/api/v1/points?type=dr')).json() as { features: { properties: { precision_position: string } }[] };
    expect(dr.features.every((f) => f.properties.precision_position === 'centre-commune')).toBe(true);
  });

  it('refuses a broken file without changing anything', async () => {
    const faux = join(dossier, 'faux.geojson');
    writeFileSync(faux, '{"type": "FeatureCollection", "features": [\n  {"type": "Feature", "properties": {"code": "24322"}, "geometry": null}\n]}');
    const { s, erreurs } = sortie();
    expect(await commande(['import-contours', faux], s)).toBe(1);
    expect(erreurs[0]).toContain("rien n'a été importé");
  });
});

describe('points import and export', () => {
  it(`refuses a file of more than ${MAX_LIEUX_PAR_IMPORT.toLocaleString('fr-FR')} places as a whole, with a French message`, async () => {
    const csv = join(dossier, 'trop.csv');
    const lignes = Array.from({ length: MAX_LIEUX_PAR_IMPORT + 1 }, (_, i) => `trop-${i};espace_numerique;24322;Lieu ${i}`);
    writeFileSync(csv, `cle;type;commune;nom\n${lignes.join('\n')}\n`);
    const { s, erreurs } = sortie();
    expect(await commande(['import-points', csv], s)).toBe(1);
    expect(erreurs.join('\n')).toContain(`plus que les ${MAX_LIEUX_PAR_IMPORT.toLocaleString('fr-FR')} permis par import : rien n’a été importé`);
    const tous = (await built.app.inject('/api/v1/points?type=espace_numerique')).json() as { features: Array<{ properties: { nom: string } }> };
    expect(tous.features.some((f) => f.properties.nom.startsWith('Lieu '))).toBe(false);
  });

  it('applies nothing from a CSV with one bad line, and says which line', async () => {
    const csv = join(dossier, 'points.csv');
    writeFileSync(csv, 'cle;type;commune;nom;telephone\nen-1;espace_numerique;24352;Espace numérique de Ribérac;\n"en-2";msap;24999;"MSAP ""fictive""";\nen-3;espace_numerique;24322;Médiathèque;pas un numéro\n');
    const { s, erreurs } = sortie();
    expect(await commande(['import-points', csv], s)).toBe(1);
    expect(erreurs).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}ligne 3 : commune/), expect.stringMatching(/^ {2}ligne 4 : telephone/)]));
    const tous = (await built.app.inject('/api/v1/points?type=espace_numerique')).json() as { features: unknown[] };
    expect(tous.features).toHaveLength(0);
  });

  it('imports a valid CSV, exports it, and re-imports the export without duplicates', async () => {
    const csv = join(dossier, 'bons.csv');
    writeFileSync(csv, '\uFEFFcle,type,commune,lieu_deleguee,nom,horaires\nen-1,espace_numerique,24352,,Espace numérique de Ribérac,"lundi, mardi"\nen-2,msap,24064,24064,France Services de Brantôme,\n');
    const a = sortie();
    expect(await commande(['import-points', csv], a.s, 'Test import')).toBe(0);
    expect(a.lignes).toContain('2 lieux importés.');
    const exportCsv = join(dossier, 'export.csv');
    const exportGeo = join(dossier, 'export.geojson');
    expect(await commande(['export-points', exportCsv], sortie().s)).toBe(0);
    expect(await commande(['export-points', exportGeo], sortie().s)).toBe(0);
    expect(readFileSync(exportCsv, 'utf8')).toContain('en-1;espace_numerique;24352;;Espace numérique de Ribérac;;;lundi, mardi');
    expect(await commande(['import-points', exportGeo], sortie().s)).toBe(0);
    expect(await commande(['import-points', exportCsv], sortie().s)).toBe(0);
    const aide = (await built.app.inject('/api/v1/points?type=espace_numerique,msap')).json() as { features: { properties: Record<string, unknown> }[] };
    expect(aide.features).toHaveLength(2);
    expect(aide.features.find((f) => f.properties.type === 'msap')!.properties).toMatchObject({ source: 'Test import', commune_nom: 'Brantôme en Périgord' });
  });

  it('imports places from the national LieuMediationNumerique schema and exports help places back to it', async () => {
    const fichier = join(dossier, 'lieux.json');
    const lieu = { id: 'mednum-1', nom: 'Médiathèque de Thiviers', pivot: '00000000000000', commune: 'Thiviers', code_postal: '24800', code_insee: '24551', adresse: '2 rue de la Paix', date_maj: '2024-03-01', services: 'Aide aux démarches administratives', latitude: 45.41, longitude: 0.92, source: 'Cartographie nationale' };
    writeFileSync(fichier, JSON.stringify([lieu, { ...lieu, id: 'mednum-2', services: 'Faire le café' }]));
    const refuse = sortie();
    expect(await commande(['import-lieux-mediation', fichier], refuse.s)).toBe(1);
    expect(refuse.erreurs.join('\n')).toMatch(/Lieu n° 2 : Schéma LieuMediationNumerique/);
    writeFileSync(fichier, JSON.stringify([lieu]));
    expect(await commande(['import-lieux-mediation', fichier], sortie().s)).toBe(0);
    const importe = ((await built.app.inject('/api/v1/points?commune=24551&type=espace_numerique')).json() as { features: { properties: Record<string, unknown> }[] }).features;
    expect(importe[0]!.properties).toMatchObject({ nom: 'Médiathèque de Thiviers', adresse: '2 rue de la Paix, 24800 Thiviers', precision_position: 'adresse', source: 'Cartographie nationale' });

    const sortieExport = join(dossier, 'export-lieux.json');
    const e = sortie();
    expect(await commande(['export-lieux-mediation', sortieExport], e.s)).toBe(0);
    const lieux = JSON.parse(readFileSync(sortieExport, 'utf8')) as Record<string, unknown>[];
    expect(lieux.find((l) => l.id === 'mednum-1')).toMatchObject({ nom: 'Médiathèque de Thiviers', code_insee: '24551', code_postal: '24800' });
    // Les préfectures livrées sans adresse ne sont pas exportées, et la commande le dit.
    expect(e.lignes.some((l) => /Non exporté : Préfecture de la Dordogne — adresse inconnue/.test(l))).toBe(true);
  });

  it('re-imports its own LieuMediationNumerique export without copying any place or changing its kind', async () => {
    const repo = pointsRepository(built.db);
    // A place from the national schema, one from our own CSV, and one typed on an admin page (no key).
    const lieu = { id: 'mednum-rt', nom: 'France Services de Terrasson', pivot: '00000000000000', commune: 'Terrasson-Lavilledieu', code_postal: '24120', code_insee: '24547', adresse: '1 rue Jean Rouby', date_maj: '2024-03-01', services: 'Aide aux démarches administratives', typologie: 'RFS', dispositif_programmes_nationaux: 'France Services', presentation_resume: 'Sur rendez-vous', source: 'Cartographie nationale' };
    const fichier = join(dossier, 'lieux-rt.json');
    writeFileSync(fichier, JSON.stringify([lieu]));
    expect(await commande(['import-lieux-mediation', fichier], sortie().s)).toBe(0);
    const csv = join(dossier, 'poste.csv');
    writeFileSync(csv, 'cle;type;commune;nom;adresse\npost-1;msap_poste;24037;France Services de La Poste de Bergerac;12 rue du Marché, 24100 Bergerac\n');
    expect(await commande(['import-points', csv], sortie().s)).toBe(0);
    const saisi: DonneesPoint = { type: 'espace_numerique', communeCode: '24322', lieuDeleguee: null, nom: 'Espace numérique saisi à la main', adresse: '3 place du Coderc, 24000 Périgueux', telephone: '', horaires: '', siteWeb: '', position: null, nombreDispositifs: null, notes: '', source: 'Saisie administrateur', demonstration: false };
    await repo.inserer(saisi);

    const avant = await repo.lister();
    const sortieExport = join(dossier, 'export-rt.json');
    const e = sortie();
    expect(await commande(['export-lieux-mediation', sortieExport], e.s)).toBe(0);
    const exportes = JSON.parse(readFileSync(sortieExport, 'utf8')) as Record<string, unknown>[];
    expect(exportes.map((l) => l.nom)).toEqual(expect.arrayContaining(['France Services de Terrasson', 'France Services de La Poste de Bergerac', 'Espace numérique saisi à la main']));
    expect(exportes.find((l) => l.nom === 'France Services de Terrasson')).toMatchObject({ id: 'mednum-rt', adresse: '1 rue Jean Rouby' });

    const r = sortie();
    expect(await commande(['import-lieux-mediation', sortieExport], r.s)).toBe(0);
    expect(r.lignes).toContain(`${exportes.length} lieux importés.`);
    const apres = await repo.lister();
    expect(apres).toHaveLength(avant.length);
    expect(apres.some((p) => p.cleSource?.startsWith('lmn:lmn:'))).toBe(false);
    const resume = (liste: typeof avant) => liste.map((p) => `${p.id} ${p.type} ${p.nom} | ${p.adresse} | ${p.notes}`).sort();
    expect(resume(apres)).toEqual(resume(avant));
  });

  it('never lets an identifier of the national schema land on a place imported from a CSV under the same key', async () => {
    const repo = pointsRepository(built.db);
    const csv = join(dossier, 'cles-courtes.csv');
    writeFileSync(csv, 'cle;type;commune;nom;adresse\n2;espace_numerique;24053;Espace numérique de Boulazac;1 avenue de l’Agora, 24750 Boulazac\n');
    expect(await commande(['import-points', csv], sortie().s)).toBe(0);
    const avant = (await repo.lister()).find((p) => p.cleSource === '2')!;
    const fichier = join(dossier, 'lieu-2.json');
    const lieu = { id: '2', nom: 'Tiers-lieu de Nontron', pivot: '00000000000000', commune: 'Nontron', code_postal: '24300', code_insee: '24311', adresse: '5 rue Carnot', date_maj: '2024-03-01', services: 'Aide aux démarches administratives', source: 'Cartographie nationale' };
    writeFileSync(fichier, JSON.stringify([lieu]));
    expect(await commande(['import-lieux-mediation', fichier], sortie().s)).toBe(0);
    const apres = await repo.lister();
    expect(apres.find((p) => p.id === avant.id)).toMatchObject({ nom: 'Espace numérique de Boulazac', communeCode: '24053', cleSource: '2' });
    expect(apres.find((p) => p.cleSource === 'lmn:2')).toMatchObject({ nom: 'Tiers-lieu de Nontron', communeCode: '24311' });
  });

  it('runs two imports of the same new key one after the other: both succeed, one place', async () => {
    const csv = join(dossier, 'concurrent.csv');
    writeFileSync(csv, 'cle;type;commune;nom;adresse\nconcurrent-1;msap;24520;France Services de Sarlat;2 place Pasteur, 24200 Sarlat-la-Canéda\n');
    const [a, b] = [sortie(), sortie()];
    expect(await Promise.all([commande(['import-points', csv], a.s), commande(['import-points', csv], b.s)])).toEqual([0, 0]);
    expect([...a.erreurs, ...b.erreurs]).toEqual([]);
    expect((await pointsRepository(built.db).lister()).filter((p) => p.cleSource === 'concurrent-1')).toHaveLength(1);
  });

  it('re-imports its CSV and GeoJSON exports without copying places typed on an admin page, and keeps closed places closed', async () => {
    const repo = pointsRepository(built.db);
    const saisi: DonneesPoint = { type: 'msap', communeCode: '24520', lieuDeleguee: null, nom: 'France Services de Sarlat', adresse: '', telephone: '', horaires: '', siteWeb: '', position: null, nombreDispositifs: null, notes: '', source: 'Saisie administrateur', demonstration: false };
    const ouvertPuisFerme = await repo.inserer(saisi);
    const ferme = await repo.inserer({ ...saisi, nom: 'Ancienne MSAP de Sarlat' });
    await repo.definirOuvert(ferme.id, false);
    const etat = async () => (await repo.lister()).map((p) => `${p.id} ${p.nom} ${p.ouvert ? 'ouvert' : 'fermé'}`).sort();
    const avant = await etat();

    for (const nom of ['rt.csv', 'rt.geojson']) {
      const fichier = join(dossier, nom);
      expect(await commande(['export-points', fichier], sortie().s)).toBe(0);
      // Changed after the export: re-importing the file puts the exported state back.
      await repo.definirOuvert(ferme.id, true);
      await repo.definirOuvert(ouvertPuisFerme.id, false);
      await repo.definirOuvert(ouvertPuisFerme.id, true);
      expect(await commande(['import-points', fichier], sortie().s)).toBe(0);
      expect(await etat()).toEqual(avant);
    }
    const lignes = readFileSync(join(dossier, 'rt.csv'), 'utf8').split('\n');
    expect(lignes.find((l) => l.includes('Ancienne MSAP de Sarlat'))).toMatch(new RegExp(`^${ferme.id};.*;non$`));
  });

  it('shows progress while importing points and places of the national schema', async () => {
    const csv = join(dossier, 'progression.csv');
    writeFileSync(csv, `cle;type;commune;nom\n${Array.from({ length: 120 }, (_, i) => `prog-${i};espace_numerique;24322;Espace ${i}`).join('\n')}\n`);
    const a = sortie();
    expect(await commande(['import-points', csv], a.s)).toBe(0);
    expect(a.progression).toEqual([[50, 120], [100, 120], [120, 120]]);
    const json = join(dossier, 'progression.json');
    const lieu = { nom: 'Lieu', pivot: '00000000000000', commune: 'Périgueux', code_postal: '24000', code_insee: '24322', adresse: '1 rue Taillefer', date_maj: '2024-03-01', services: 'Aide aux démarches administratives' };
    writeFileSync(json, JSON.stringify([1, 2, 3].map((i) => ({ ...lieu, id: `prog-lmn-${i}`, nom: `Lieu ${i}` }))));
    const b = sortie();
    expect(await commande(['import-lieux-mediation', json], b.s)).toBe(0);
    expect(b.progression).toEqual([[3, 3]]);
  });

  it('loads a demonstration set that every page labels, and removes it', async () => {
    const c = sortie();
    expect(await commande(['demonstration', 'charger'], c.s)).toBe(0);
    expect(c.lignes[0]).toMatch(/^25 lieux de démonstration chargés/);
    const ou = (await built.app.inject('/ou')).body;
    expect(ou).toContain('Données de démonstration');
    expect(ou).toContain('(démonstration)');
    const demo = ((await built.app.inject('/api/v1/points')).json() as { features: { properties: { demonstration: boolean; type: string } }[] }).features.filter((f) => f.properties.demonstration);
    expect(demo).toHaveLength(25);
    expect(demo.some((f) => f.properties.type === 'dr')).toBe(false);
    expect(await commande(['demonstration', 'retirer'], sortie().s)).toBe(0);
    expect((await built.app.inject('/ou')).body).not.toContain('(démonstration)');
  });
});
