-- Jetons d'API personnels des agents : un logiciel de la mairie appelle l'API des timbres
-- au nom d'un agent, avec son rôle et son rattachement du moment. Seule l'empreinte du
-- jeton est gardée (affiché une fois à la création) ; révocable, avec une date de fin.
create table agent_api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  nom text not null check (length(nom) between 1 and 80),
  token_hash text not null unique,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid references users (id) on delete set null,
  last_used_at timestamptz,
  check (expires_at > created_at)
);
create index agent_api_tokens_user on agent_api_tokens (user_id, created_at);
