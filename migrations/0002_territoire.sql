-- Territoire : communes (actuelles, déléguées, associées) avec leur centre et leur contour,
-- points d'accueil (mairies équipées d'un DR, espaces numériques, MSAP…) et niveau
-- d'équipement des communes. Recherche du plus proche : index GiST sur ll_to_earth()
-- (earthdistance), parcouru dans l'ordre de la distance par l'opérateur <-> du type cube.

create table communes (
  id bigserial primary key,
  -- Une déléguée peut porter le code de sa commune nouvelle (Belvès dans Pays de Belvès) :
  -- le code seul n'identifie donc pas une ligne, le couple (code, type) oui.
  code text not null,
  type text not null check (type in ('commune-actuelle', 'commune-deleguee', 'commune-associee')),
  departement text not null,
  nom text not null,
  nom_normalise text not null,
  commune_nouvelle text,
  codes_postaux text[] not null default '{}',
  population integer,
  anciens_codes text[] not null default '{}',
  lon double precision,
  lat double precision,
  -- geonames : bourg GeoNames ; admin-express : centroïde du contour IGN ;
  -- admin-express-approche : contour qui couvrait aussi d'autres déléguées.
  centre_source text check (centre_source in ('geonames', 'admin-express', 'admin-express-approche')),
  contour jsonb,
  -- Niveau fixé par un administrateur ; null : déduit des points d'accueil de la commune.
  niveau_equipement text check (niveau_equipement in ('dr', 'espace_numerique', 'aucun')),
  updated_at timestamptz not null default now(),
  unique (code, type),
  check ((type = 'commune-actuelle') = (commune_nouvelle is null)),
  check ((lon is null) = (lat is null)),
  check ((lon is null) = (centre_source is null))
);
create index communes_departement on communes (departement, type);
create index communes_commune_nouvelle on communes (commune_nouvelle);
create index communes_codes_postaux on communes using gin (codes_postaux);
create index communes_centre on communes using gist (ll_to_earth(lat, lon)) where lat is not null and lon is not null;

create table points_accueil (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type in ('dr', 'espace_numerique', 'msap', 'msap_poste', 'prefecture')),
  -- Code INSEE de la commune actuelle où se trouve le point.
  commune_code text not null,
  -- Commune déléguée où se trouve le point (la mairie de Belvès dans Pays de Belvès) : son
  -- centre, quand il est connu, place mieux le point que celui de la commune nouvelle.
  lieu_deleguee text,
  nom text not null check (length(nom) between 1 and 200),
  adresse text not null default '',
  telephone text not null default '',
  horaires text not null default '',
  site_web text not null default '',
  lon double precision,
  lat double precision,
  -- centre-commune : seul le centre de la commune est connu, pas l'adresse exacte.
  position_precision text check (position_precision in ('centre-commune', 'adresse')),
  nombre_dispositifs integer check (nombre_dispositifs is null or (type = 'dr' and nombre_dispositifs between 1 and 50)),
  notes text not null default '',
  source text not null,
  -- Données de démonstration : jamais mêlées sans le dire aux données réelles.
  demonstration boolean not null default false,
  ouvert boolean not null default true,
  -- Clé stable des points livrés avec la plateforme ou importés : un second chargement ne les double pas.
  cle_source text unique,
  updated_at timestamptz not null default now(),
  check ((lon is null) = (lat is null)),
  check ((lon is null) = (position_precision is null))
);
create index points_accueil_commune on points_accueil (commune_code);
create index points_accueil_position on points_accueil using gist (ll_to_earth(lat, lon))
  where lat is not null and lon is not null and ouvert;
