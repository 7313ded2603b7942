import path from 'node:path';

/**
 * The only module that reads `process.env`. Everything is validated once, at start, into
 * a frozen object; one error lists every invalid variable so an operator fixes them all
 * in one go rather than one restart at a time.
 */
export type Mode = 'development' | 'test' | 'production';

export interface Config {
  readonly mode: Mode;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: URL;
  readonly serviceName: string;
  readonly operatorName: string;
  readonly departement: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly smsGatewayUrl: string | undefined;
  readonly smsGatewayAuth: string | undefined;
  readonly outboxWorker: boolean;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly trustProxy: boolean;
  /** Months a title waits at the mairie before it is destroyed. */
  readonly retraitDelaiMois: number;
  /** Delay of the simulated production of titles (the real producer is the national printing office). */
  readonly productionDelaiMinutes: number;
  /** Validity of a tax stamp bought online, and the window in which an unused one is refunded. */
  readonly timbreValiditeMois: number;
  readonly timbreRemboursementMois: number;
  /** Validity of a validated pré-demande (the kit's rule: 6 months). */
  readonly preDemandeValiditeMois: number;
  /** Base map tiles ({z}/{x}/{y} template); empty: the map shows only the outlines we hold. */
  readonly tileUrl: string | undefined;
  readonly tileAttribution: string;
  readonly logLevel: string;
  /** Bearer token that lets a monitoring system read /sante's details (backlog, migrations, database kind); unset: admins only. */
  readonly santeJeton: string | undefined;
  /** Second factor of the agents: `roles-sensibles` (admins, instructeurs, préfecture; offered to mairie agents) or `obligatoire` (every agent). */
  readonly mfaAgents: 'roles-sensibles' | 'obligatoire';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

// IGN Géoplateforme, « Plan IGN » (WMTS, tiles in Web Mercator).
const PLAN_IGN =
  'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image/png';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" : entier attendu entre ${min} et ${max}`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'oui', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'non', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}" : valeur attendue true ou false`);
    return fallback;
  };
  const url = (name: string, protocols: string[]) => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} : protocole ${parsed.protocol} non pris en charge (attendu : ${protocols.join(', ')})`);
      }
      return raw;
    } catch {
      problems.push(`${name} : adresse (URL) invalide`);
      return undefined;
    }
  };

  const rawMode = read('NODE_ENV') ?? 'development';
  let mode: Mode = 'development';
  if (rawMode === 'production' || rawMode === 'test' || rawMode === 'development') mode = rawMode;
  else problems.push(`NODE_ENV="${rawMode}" : valeur attendue development, test ou production`);

  const port = integer('PORT', 3000, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';
  const publicUrlRaw = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const departement = read('DEPARTEMENT') ?? '24';
  if (!/^(\d{2}|2[AB]|97\d)$/.test(departement)) {
    problems.push(`DEPARTEMENT="${departement}" : code de département attendu (ex. 24, 2A, 974)`);
  }
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const smsGatewayUrl = url('SMS_GATEWAY_URL', ['http:', 'https:']);
  const tileUrl = read('TILE_URL') ?? PLAN_IGN;
  if (tileUrl !== 'aucun' && !/^https:\/\/[^\s]+\{z\}[^\s]*$/.test(tileUrl)) problems.push('TILE_URL : adresse https:// de tuiles contenant {z}, {x} et {y} attendue (ou « aucun »)');
  const logLevel = read('LOG_LEVEL') ?? (mode === 'test' ? 'silent' : 'info');
  const mfaAgents = read('MFA_AGENTS') ?? 'roles-sensibles';
  if (mfaAgents !== 'roles-sensibles' && mfaAgents !== 'obligatoire') problems.push(`MFA_AGENTS="${mfaAgents}" : valeur attendue roles-sensibles ou obligatoire (la double authentification ne se désactive pas)`);
  const santeJeton = read('SANTE_JETON');
  if (santeJeton !== undefined && santeJeton.length < 32) problems.push('SANTE_JETON : au moins 32 caractères (un secret tiré au hasard, par exemple openssl rand -hex 32)');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" : valeur attendue parmi ${LOG_LEVELS.join(', ')}`);

  if (mode === 'production') {
    if (!smtpUrl) problems.push('SMTP_URL : obligatoire en production (les courriels ne peuvent pas rester en boîte de développement)');
    if (!smsGatewayUrl) problems.push('SMS_GATEWAY_URL : obligatoire en production');
    if (!publicUrlRaw.startsWith('https:')) problems.push('PUBLIC_URL : une adresse https:// est obligatoire en production');
  }

  const config: Config = {
    mode,
    host,
    port,
    publicUrl: new URL(publicUrlRaw),
    serviceName: read('SERVICE_NAME') ?? 'Guichet Titres',
    operatorName: read('OPERATOR_NAME') ?? 'Préfecture de la Dordogne',
    departement,
    dataDir: path.resolve(read('DATA_DIR') ?? './data'),
    databaseUrl,
    smtpUrl,
    mailFrom: read('MAIL_FROM') ?? 'Guichet Titres <ne-pas-repondre@guichet-titres.localhost>',
    smsGatewayUrl,
    smsGatewayAuth: read('SMS_GATEWAY_AUTH'),
    outboxWorker: boolean('OUTBOX_WORKER', true),
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    trustProxy: boolean('TRUST_PROXY', false),
    retraitDelaiMois: integer('RETRAIT_DELAI_MOIS', 3, 1, 12),
    productionDelaiMinutes: integer('PRODUCTION_DELAI_MINUTES', 1, 0, 60 * 24 * 60),
    timbreValiditeMois: integer('TIMBRE_VALIDITE_MOIS', 12, 1, 120),
    timbreRemboursementMois: integer('TIMBRE_REMBOURSEMENT_MOIS', 18, 1, 120),
    preDemandeValiditeMois: integer('PRE_DEMANDE_VALIDITE_MOIS', 6, 1, 24),
    tileUrl: tileUrl === 'aucun' ? undefined : tileUrl,
    tileAttribution: read('TILE_ATTRIBUTION') ?? '© IGN — Plan IGN',
    logLevel,
    santeJeton,
    mfaAgents: mfaAgents === 'obligatoire' ? 'obligatoire' : 'roles-sensibles',
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Reads the variables a command-line tool needs beyond the config (e.g. a password). */
export function readSecretFromEnv(name: string, env: Env = process.env): string | undefined {
  return env[name];
}
