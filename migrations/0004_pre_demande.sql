-- Pré-demandes en ligne (brouillons enregistrés à chaque étape, numéro à la validation) et
-- leur historique de statuts ; numéro de mobile des usagers (pour le SMS « titre disponible »).
create table pre_demandes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  numero text unique check (numero ~ '^[A-Z0-9]{10}$'),
  statut text not null default 'brouillon' check (statut in ('brouillon', 'validee', 'consommee', 'expiree', 'annulee')),
  reponses jsonb not null default '{}'::jsonb,
  etapes jsonb not null default '[]'::jsonb,
  personne text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  validee_le timestamptz,
  expire_le timestamptz,
  -- A number exists exactly when the pré-demande left the draft state.
  check ((statut = 'brouillon') = (numero is null)),
  check ((statut = 'brouillon') = (expire_le is null))
);
create index pre_demandes_user on pre_demandes (user_id, created_at);
create index pre_demandes_expiration on pre_demandes (statut, expire_le);

-- Every change of status: who, when, from → to, why. Never updated; rows leave only with
-- their pré-demande when the account is deleted (RGPD).
create table pre_demande_historique (
  id bigserial primary key,
  pre_demande_id uuid not null references pre_demandes (id) on delete cascade,
  evenement text not null,
  de text not null,
  vers text not null,
  acteur_id uuid,
  acteur_role text,
  motif text,
  at timestamptz not null default now()
);
create index pre_demande_historique_pd on pre_demande_historique (pre_demande_id, id);

create function pre_demande_historique_sans_modification() returns trigger language plpgsql as $$
begin
  raise exception 'pre_demande_historique est en ajout seul';
end
$$;
create trigger pre_demande_historique_fige before update on pre_demande_historique
  for each row execute function pre_demande_historique_sans_modification();

create table usager_telephones (
  user_id uuid primary key references users (id) on delete cascade,
  mobile text not null,
  updated_at timestamptz not null default now()
);

-- Appointment software editors allowed to ask the status of pré-demandes (anti-duplicate API).
-- Only a hash of their token is kept; the token is shown once, when an administrator creates it.
create table api_editeurs (
  id uuid primary key default gen_random_uuid(),
  nom text not null,
  token_hash text not null unique,
  actif boolean not null default true,
  created_at timestamptz not null default now(),
  revoque_le timestamptz
);
