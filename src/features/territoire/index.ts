// Territoire (QUI et OÙ) : communes, lieux d'accueil, « Où aller ? », carte et liste, fiche
// de chaque commune, API publique, administration des lieux et imports.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { chargerTerritoireInitial } from './chargement.ts';
import { registerDocsApi } from './api-docs-views.tsx';
import { chargerCommunes } from './reference/index.ts';
import { registerAdminTerritoire } from './routes-admin.tsx';
import { registerApiTerritoire } from './routes-api.ts';
import { registerPagesTerritoire } from './routes-pages.tsx';
import { territoireService, type TerritoireService } from './territoire-service.ts';
import type { NiveauEquipement } from './types-points.ts';

export type { NiveauEquipement } from './types-points.ts';
// Pour le kit (src/features/kit) : les mots de la légende et des rôles, les types lus, et
// l'empreinte des données qui sert de clé à son cache.
export { CE_QUE_FAIT, COULEUR, LEGENDE, LIBELLE_COURT, LIBELLE_NIVEAU, ROLE_MAIRIE, TYPES_AIDE, TYPES_POINT, type TypePoint } from './types-points.ts';
export type { Point } from './points-repository.ts';
export type { PointProche } from './orientation.ts';
export type { FicheCommune, TerritoireService } from './territoire-service.ts';
export { versionTerritoire } from './version-repository.ts';
export { barreProgression, executerCommandeTerritoire, USAGE_TERRITOIRE } from './cli.ts';
export { chargerCommunes, type CommuneReference } from './reference/index.ts';

/**
 * Name of every commune (current and déléguée) of a département, from the packaged
 * reference data (COG): synchronous, for forms that check an INSEE code.
 */
export function nomsDesCommunes(departement: string): (code: string) => string | undefined {
  const noms = new Map<string, string>();
  for (const commune of chargerCommunes(departement)) {
    if (commune.type === 'commune-actuelle' || !noms.has(commune.code)) noms.set(commune.code, commune.nom);
  }
  return (code) => noms.get(code);
}

export interface TerritoireDeps {
  db: Db;
  inTransaction: InTransaction;
  departement: string;
  serviceName: string;
  publicUrl: URL;
  /** Fond de carte facultatif (son domaine doit alors figurer dans la CSP img-src). */
  tuiles?: { url: string; attribution: string };
}

const require = createRequire(import.meta.url);
const LEAFLET_DIST = path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist');
const CLIENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client');

export async function registerTerritoireRoutes(app: FastifyInstance, deps: TerritoireDeps): Promise<TerritoireService> {
  await chargerTerritoireInitial(deps);
  const service = territoireService(deps.db, deps);
  await app.register(fastifyStatic, { root: LEAFLET_DIST, prefix: '/territoire/leaflet/', decorateReply: false, maxAge: '7d', index: false });
  await app.register(fastifyStatic, { root: CLIENT_DIR, prefix: '/territoire/js/', decorateReply: false, maxAge: '1h', index: false });
  registerPagesTerritoire(app, service, deps.tuiles);
  registerApiTerritoire(app, service);
  registerAdminTerritoire(app, { db: deps.db, inTransaction: deps.inTransaction, service });
  registerDocsApi(app, deps.publicUrl);
  return service;
}

/** Niveau d'équipement d'une commune (fixé par un administrateur, sinon déduit de ses lieux). */
export async function niveauEquipement(db: Db, departement: string, codeInsee: string): Promise<NiveauEquipement | null> {
  const fiche = await territoireService(db, { departement, serviceName: '' }).fiche(codeInsee);
  return fiche?.niveau ?? null;
}
