import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { chargerCommunes } from '../src/features/territoire/index.ts';
import { openDatabase } from '../src/kernel/db/database.ts';
import { migrate } from '../src/kernel/db/migrator.ts';

/**
 * npm run bench:generer -- --portee departement|france [--departement 24] [--annee 2025]
 *                          [--demandes N] [--max-detail 1000000] [--recommencer]
 *
 * Generates one realistic year of applications for the pilotage benchmark, directly in the
 * PostgreSQL database named by DATABASE_URL (a DEDICATED database: the generated data is
 * synthetic, on real COG commune codes, and the aggregates are rebuilt for the whole base).
 * DR communes: the 25 most populated communes of each département (≈ 2,525 for France);
 * volume shared by √population, a spring peak, 62 % CNI, a pré-demande rate of 55–92 % per
 * commune rising by 0.4 point a month.
 *
 * Up to --max-detail applications, every application is written to demandes_titres (by
 * month, with SQL generate_series; resumable: finished months are recorded in
 * banc_generation) and the aggregates are recomputed from them. Beyond it, only the
 * aggregates the dashboard reads are written, straight from the same distributions.
 */
const { values } = parseArgs({
  options: {
    portee: { type: 'string', default: 'departement' },
    departement: { type: 'string', default: '24' },
    annee: { type: 'string', default: '2025' },
    demandes: { type: 'string' },
    'max-detail': { type: 'string', default: '1000000' },
    recommencer: { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL est requis (une base PostgreSQL dédiée au banc).');
const france = values.portee === 'france';
if (!france && values.portee !== 'departement') throw new Error('--portee : departement ou france');
if (!/^(\d{2}|2[AB]|97\d)$/.test(values.departement)) throw new Error('--departement : code attendu');
const annee = Number(values.annee);
const demandes = Math.min(15_000_000, Number(values.demandes ?? (france ? 12_000_000 : 62_000)));
const maxDetail = Number(values['max-detail']);
if (!Number.isInteger(annee) || !Number.isFinite(demandes) || demandes < 1) throw new Error('--annee / --demandes invalides');
const detail = demandes <= maxDetail;

const SAISON = [0.07, 0.075, 0.092, 0.108, 0.112, 0.104, 0.09, 0.062, 0.072, 0.076, 0.074, 0.065];
const DEPARTEMENTS = [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'), '2A', '2B', '971', '972', '973', '974', '976'];

function communesDR(): { code: string; population: number }[] {
  return (france ? DEPARTEMENTS : [values.departement]).flatMap((dep) =>
    chargerCommunes(dep)
      .filter((c) => c.type === 'commune-actuelle')
      .map((c) => ({ code: c.code, population: c.population ?? 0 }))
      .sort((a, b) => b.population - a.population)
      .slice(0, 25),
  );
}

const database = await openDatabase({ databaseUrl: url });
await migrate(database.db);
await database.close();
const client = new pg.Client({ connectionString: url });
await client.connect();
const q = (text: string, params: unknown[] = []) => client.query(text, params);
const etape = async (nom: string, travail: () => Promise<unknown>) => {
  const fait = await q('select 1 from banc_generation where etape = $1', [nom]);
  if (fait.rowCount) return console.log(`${nom} : déjà fait`);
  const t0 = performance.now();
  await q('begin');
  await travail();
  await q('insert into banc_generation (etape) values ($1)', [nom]);
  await q('commit');
  console.log(`${nom} : ${((performance.now() - t0) / 1000).toFixed(1)} s`);
};

await q('create table if not exists banc_generation (etape text primary key, le timestamptz not null default now())');
if (values.recommencer) {
  await q("delete from demandes_titres where numero like 'BANC-%'");
  await q('truncate banc_generation, stats_recueil_mensuel, pilotage_transitions_mensuelles, pilotage_delais, pilotage_delais_departement');
}
const communes = communesDR();
const sommeRacines = communes.reduce((s, c) => s + Math.sqrt(Math.max(1, c.population)), 0);
await q('create table if not exists banc_plan (commune text primary key, departement text not null, volume double precision not null, taux double precision not null)');
await etape('plan', async () => {
  await q('truncate banc_plan');
  await q(
    `insert into banc_plan select c.code, case when c.code like '97%' then left(c.code, 3) else left(c.code, 2) end,
       $2::double precision * sqrt(greatest(1, c.population)) / $3::double precision,
       0.55 + 0.37 * ((('x' || substr(md5(c.code), 1, 8))::bit(32)::bigint & 2147483647)::double precision / 2147483647)
     from jsonb_to_recordset($1::jsonb) as c(code text, population int)`,
    [JSON.stringify(communes), demandes, sommeRacines],
  );
});
console.log(`${communes.length} communes, ${demandes.toLocaleString('fr-FR')} demandes sur ${annee}, ${detail ? 'demandes détaillées puis agrégats' : 'agrégats seulement'}`);

const debut = (m: number) => `${annee}-${String(m).padStart(2, '0')}-01`;
const horizon = `${annee + 1}-01-01`;
await q('select setseed(0.42)');
if (detail) {
  for (let m = 1; m <= 12; m += 1) {
    await etape(`demandes ${annee}-${m}`, () =>
      q(
        `with t(titre, part) as (values ('cni', 0.62), ('passeport', 0.38)),
         d as (
           select p.commune, p.departement, t.titre, g.i, p.taux + 0.004 * $2::int as taux,
                  $1::date + random() * ($1::date + interval '1 month' - $1::date) as recueillie_le,
                  random() as r1, random() as r3, random() as r4
           from banc_plan p cross join t
           cross join lateral generate_series(1, round(p.volume * $3::double precision * t.part)::int) g(i)
         ),
         e as (select d.*, recueillie_le + (7 + floor(r3 * r3 * 40)) * interval '1 day' as dispo, floor(-ln(1 - r4 * 0.999) * 6) as attente from d)
         insert into demandes_titres (numero, titre, origine, pre_demande_numero, etat, commune_recueil, commune_remise, departement, nom, prenoms, date_naissance, timbre_requis, recueillie_le, disponible_depuis, remise_le, updated_at)
         select 'BANC-' || $2 || '-' || commune || '-' || titre || '-' || i, titre,
                case when r1 < taux then 'pre_demande' else 'cerfa' end,
                case when r1 < taux then 'BANC-' || $2 || '-' || commune || '-' || i end,
                case when dispo >= $4::date then 'en_production' when r4 > 0.996 then 'detruite' when dispo + attente * interval '1 day' >= $4::date then 'disponible' else 'remise' end,
                commune, commune, departement, 'BANC', 'Données de banc', date '1980-01-01', false, recueillie_le,
                case when dispo < $4::date then dispo end,
                case when r4 <= 0.996 and dispo + attente * interval '1 day' < $4::date then dispo + attente * interval '1 day' end,
                recueillie_le
         from e`,
        [debut(m), m, SAISON[m - 1], horizon],
      ),
    );
  }
  await etape('agrégats depuis les demandes', async () => {
    await q('truncate stats_recueil_mensuel, pilotage_transitions_mensuelles, pilotage_delais, pilotage_delais_departement');
    const mois = (col: string) => `date_trunc('month', (${col}) at time zone 'UTC')::date`;
    await q(`insert into stats_recueil_mensuel select commune_recueil, ${mois('recueillie_le')}, titre, origine, count(*) from demandes_titres group by 1, 2, 3, 4`);
    await q(`insert into pilotage_transitions_mensuelles select commune_remise, ${mois('disponible_depuis')}, titre, 'disponible', count(*) from demandes_titres where disponible_depuis is not null group by 1, 2, 3`);
    await q(`insert into pilotage_transitions_mensuelles select commune_remise, ${mois('remise_le')}, titre, 'remise', count(*) from demandes_titres where remise_le is not null group by 1, 2, 3`);
    // Titles never collected are destroyed three months after they became available.
    await q(`insert into pilotage_transitions_mensuelles select commune_remise, ${mois("disponible_depuis + interval '92 days'")}, titre, 'detruite', count(*) from demandes_titres where etat = 'detruite' group by 1, 2, 3`);
    const jours = (a: string, b: string) => `least(365, floor(extract(epoch from ${b} - ${a}) / 86400))::int`;
    for (const [mesure, a, b, commune] of [['recueil_disponible', 'recueillie_le', 'disponible_depuis', 'commune_recueil'], ['disponible_remise', 'disponible_depuis', 'remise_le', 'commune_remise']] as const) {
      await q(`insert into pilotage_delais select ${commune}, ${mois(b)}, titre, '${mesure}', ${jours(a, b)}, count(*) from demandes_titres where ${b} is not null group by 1, 2, 3, 5`);
      await q(`insert into pilotage_delais_departement select departement, ${mois(b)}, titre, '${mesure}', ${jours(a, b)}, count(*) from demandes_titres where ${b} is not null group by 1, 2, 3, 5`);
    }
  });
} else {
  // Same distributions, in closed form: recueil → disponible 7 + ⌊40·u²⌋ days, then a geometric wait of mean 6 days.
  const RD = `select 7 + k as jours, sqrt((k + 1) / 40.0) - sqrt(k / 40.0) as p from generate_series(0, 39) k`;
  const DR = `select k as jours, (1 - exp(-1 / 6.0)) * exp(-k / 6.0) as p from generate_series(0, 60) k`;
  const plan = `select p.commune, p.departement, ($1::text || '-' || lpad(m::text, 2, '0') || '-01')::date as mois, t.titre,
                       p.volume * (array[${SAISON.join(',')}])[m] * t.part as n, least(0.99, p.taux + 0.004 * m) as taux
                from banc_plan p cross join generate_series(1, 12) m cross join (values ('cni', 0.62), ('passeport', 0.38)) t(titre, part)`;
  await etape('agrégats recueils', () =>
    q(`insert into stats_recueil_mensuel select commune, mois, titre, o.origine, round(n * case when o.origine = 'pre_demande' then taux else 1 - taux end)
       from (${plan}) x cross join (values ('pre_demande'), ('cerfa')) o(origine)`, [String(annee)]),
  );
  await etape('agrégats transitions', () => q(`insert into pilotage_transitions_mensuelles select commune, mois, titre, v.vers, round(n * v.part) from (${plan}) x cross join (values ('disponible', 1.0), ('remise', 0.996), ('detruite', 0.004)) v(vers, part)`, [String(annee)]));
  for (const [mesure, distribution] of [['recueil_disponible', RD], ['disponible_remise', DR]] as const) {
    await etape(`agrégats délais ${mesure}`, async () => {
      await q(`insert into pilotage_delais select commune, mois, titre, '${mesure}', h.jours, round(n * h.p) from (${plan}) x cross join (${distribution}) h where round(n * h.p) > 0`, [String(annee)]);
      await q(`insert into pilotage_delais_departement select departement, mois, titre, '${mesure}', h.jours, sum(round(n * h.p)) from (${plan}) x cross join (${distribution}) h where round(n * h.p) > 0 group by 1, 2, 3, 5`, [String(annee)]);
    });
  }
}
// VACUUM (outside any transaction) sets the visibility map that index-only scans rely on.
const t0 = performance.now();
for (const table of ['stats_recueil_mensuel', 'pilotage_transitions_mensuelles', 'pilotage_delais', 'pilotage_delais_departement']) await q(`vacuum analyze ${table}`);
console.log(`vacuum analyze : ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const total = await q('select sum(nombre)::bigint as n, count(*) as lignes from stats_recueil_mensuel');
console.log(`stats_recueil_mensuel : ${total.rows[0].lignes} lignes, ${Number(total.rows[0].n).toLocaleString('fr-FR')} demandes`);
await client.end();
