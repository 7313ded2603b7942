-- Demandes de titre (une par titre et par personne), leur historique en ajout seul, et les
-- agrégats mensuels du pilotage tenus à jour dans la même transaction que chaque recueil.
create table demandes_titres (
  id uuid primary key default gen_random_uuid(),
  numero text not null unique,
  titre text not null check (titre in ('cni', 'passeport')),
  origine text not null check (origine in ('pre_demande', 'cerfa')),
  pre_demande_numero text,
  etat text not null,
  commune_recueil text not null,
  commune_remise text not null,
  departement text not null,
  usager_id uuid references users (id) on delete set null,
  nom text not null,
  prenoms text not null,
  date_naissance date not null,
  mobile text,
  email text,
  timbre_requis boolean not null,
  timbre_numero text,
  timbre_consomme boolean not null default false,
  capture jsonb,
  numero_titre text,
  recueillie_le timestamptz not null default now(),
  disponible_depuis timestamptz,
  remise_le timestamptz,
  updated_at timestamptz not null default now()
);
-- A pré-demande cannot give two applications for the same titre.
create unique index demandes_titres_pre_demande on demandes_titres (pre_demande_numero, titre) where pre_demande_numero is not null;
create index demandes_titres_recueil on demandes_titres (commune_recueil, etat);
create index demandes_titres_remise on demandes_titres (commune_remise, etat);
create index demandes_titres_departement on demandes_titres (departement, etat, updated_at);
create index demandes_titres_numero_titre on demandes_titres (numero_titre);

create table demandes_titres_historique (
  id bigserial primary key,
  demande_id uuid not null references demandes_titres (id) on delete cascade,
  at timestamptz not null default now(),
  evenement text not null,
  de text,
  vers text not null,
  acteur_id uuid,
  acteur_role text not null,
  acteur_commune text,
  motif text
);
create index demandes_titres_historique_demande on demandes_titres_historique (demande_id, id);

create function demandes_titres_historique_ajout_seul() returns trigger language plpgsql as $$
begin
  raise exception 'demandes_titres_historique est en ajout seul';
end
$$;
create trigger demandes_titres_historique_fige before update on demandes_titres_historique
  for each row execute function demandes_titres_historique_ajout_seul();

create table stats_recueil_mensuel (
  commune text not null,
  mois date not null,
  titre text not null,
  origine text not null,
  nombre integer not null default 0,
  primary key (commune, mois, titre, origine)
);
