-- Second factor of the agents: a TOTP secret per agent (confirmed once the agent typed a
-- first code), ten single-use recovery codes (only their hash), and the sign-ins waiting
-- for their second factor (a short-lived token in a cookie, only its hash kept).
create table agent_totp (
  user_id uuid primary key references users (id) on delete cascade,
  secret text not null,
  confirme_le timestamptz,
  dernier_pas bigint,
  cree_le timestamptz not null default now()
);

create table agent_codes_secours (
  user_id uuid not null references users (id) on delete cascade,
  empreinte text not null,
  utilise_le timestamptz,
  primary key (user_id, empreinte)
);

create table connexions_en_attente (
  jeton_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  expire_le timestamptz not null
);
create index connexions_en_attente_user on connexions_en_attente (user_id);
