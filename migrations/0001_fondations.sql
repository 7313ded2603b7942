-- Fondations : secrets partagés entre instances, comptes, sessions, jetons, limites de
-- débit, journal d'audit et file des notifications.
create extension if not exists cube with schema public;
create extension if not exists earthdistance with schema public;
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;

-- Generated once by the first instance to start; shared by every instance through the database.
create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('usager', 'agent')),
  email text not null,
  email_normalized text not null unique,
  password_hash text,
  display_name text not null,
  role text check (role in ('agent_mairie', 'agent_prefecture', 'instructeur', 'admin')),
  commune_insee text,
  departement text,
  status text not null default 'active' check (status in ('pending', 'active', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz,
  check ((kind = 'agent') = (role is not null)),
  check (role <> 'agent_mairie' or commune_insee is not null),
  check (role not in ('instructeur', 'agent_prefecture') or departement is not null)
);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  principal jsonb not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_id on sessions (user_id);

create table account_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('invitation', 'activation', 'reinitialisation')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_user on account_tokens (user_id, purpose);

create table rate_limits (
  key text not null,
  window_start timestamptz not null,
  hits integer not null default 1,
  primary key (key, window_start)
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  actor_commune text,
  action text not null,
  object_type text not null,
  object_id text,
  outcome text not null check (outcome in ('succes', 'refus', 'echec')),
  details jsonb not null default '{}'::jsonb
);
create index audit_log_actor on audit_log (actor_id, at);
create index audit_log_object on audit_log (object_type, object_id);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log est en ajout seul';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();

create table notifications (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  template text not null,
  template_version integer not null,
  "values" jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  idempotency_key text not null unique,
  delivered_by text,
  rendered jsonb,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notifications_due on notifications (status, next_attempt_at);
