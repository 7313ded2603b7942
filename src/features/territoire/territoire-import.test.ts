// Intégration : import des contours IGN Admin Express réels (../shared/data, jamais copiés
// dans le dépôt) et import/export des lieux, tout ou rien, erreurs numérotées par ligne.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { executerCommandeTerritoire, type Sortie } from './cli.ts';

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
    expect(refuse.erreurs.join('\n')).toMatch(/ligne 2 : Schéma LieuMediationNumerique/);
    writeFileSync(fichier, JSON.stringify([lieu]));
    expect(await commande(['import-lieux-mediation', fichier], sortie().s)).toBe(0);
    const importe = ((await built.app.inject('/api/v1/points?commune=24551&type=espace_numerique')).json() as { features: { properties: Record<string, unknown> }[] }).features;
    expect(importe[0]!.properties).toMatchObject({ nom: 'Médiathèque de Thiviers', adresse: '2 rue de la Paix, 24800 Thiviers', precision_position: 'adresse', source: 'Cartographie nationale' });

    const sortieExport = join(dossier, 'export-lieux.json');
    const e = sortie();
    expect(await commande(['export-lieux-mediation', sortieExport], e.s)).toBe(0);
    const lieux = JSON.parse(readFileSync(sortieExport, 'utf8')) as Record<string, unknown>[];
    expect(lieux.find((l) => l.id === 'lmn:mednum-1')).toMatchObject({ nom: 'Médiathèque de Thiviers', code_insee: '24551', code_postal: '24800' });
    // Les préfectures livrées sans adresse ne sont pas exportées, et la commande le dit.
    expect(e.lignes.some((l) => /Non exporté : Préfecture de la Dordogne — adresse inconnue/.test(l))).toBe(true);
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
