-- Pré-demande : mode accompagné (mairie avec espace numérique), statut « declaree » (rendez-vous
-- pris) avec ses rendez-vous, changement d'adresse électronique confirmé par lien, et l'agrégat
-- du pilotage « pré-demandes accompagnées par espace numérique ».

-- An agent of an espace numérique opens an assisted session: a short one-time code that the
-- citizen types once signed in on the counter computer. Only a hash of the code is kept. The
-- session is the citizen's own (session_hash): the agent never holds the citizen's password.
create table accompagnements (
  id uuid primary key default gen_random_uuid(),
  -- Kept as a record of who helped, even if the agent's account later disappears.
  agent_id uuid not null,
  agent_nom text not null,
  commune_insee text not null,
  code_hash text not null unique,
  cree_le timestamptz not null,
  code_expire_le timestamptz not null,
  usager_id uuid references users (id) on delete set null,
  session_hash text,
  rejoint_le timestamptz,
  termine_le timestamptz
);
create index accompagnements_agent on accompagnements (agent_id, cree_le);
create index accompagnements_session on accompagnements (session_hash) where session_hash is not null;

-- Who helped, where and when: copied on the pré-demande so the citizen always sees it.
alter table pre_demandes add column accompagnement_id uuid references accompagnements (id) on delete set null;
alter table pre_demandes add column aide_agent_id uuid;
alter table pre_demandes add column aide_agent_nom text;
alter table pre_demandes add column aide_commune text;
alter table pre_demandes add column aide_le timestamptz;

-- "declaree": an appointment is booked (national anti-duplicate vocabulary: declared).
alter table pre_demandes drop constraint pre_demandes_statut_check;
alter table pre_demandes add constraint pre_demandes_statut_check check (statut in ('brouillon', 'validee', 'declaree', 'consommee', 'expiree', 'annulee'));

create table pre_demande_rendez_vous (
  id bigserial primary key,
  pre_demande_id uuid not null references pre_demandes (id) on delete cascade,
  date_rdv timestamptz not null,
  lieu text not null,
  lien_gestion text,
  source text not null,
  cree_le timestamptz not null default now()
);
create index pre_demande_rendez_vous_pd on pre_demande_rendez_vous (pre_demande_id, date_rdv);

-- A change of email address takes effect only when the link sent to the new address is opened.
create table changements_email (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  nouvelle_adresse text not null,
  cree_le timestamptz not null,
  expire_le timestamptz not null,
  utilise_le timestamptz
);
create index changements_email_user on changements_email (user_id);

-- Pilotage: pré-demandes validated in an assisted session, per helping commune and month,
-- counted in the validation's transaction.
create table pilotage_pre_demandes_accompagnees (
  commune text not null,
  mois date not null,
  nombre integer not null default 0,
  primary key (commune, mois)
);
