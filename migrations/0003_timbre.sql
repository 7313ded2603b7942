-- Timbre fiscal électronique : catalogue daté, panier anonyme, commandes, timbres, consommation.

-- The catalogue is data: a new tariff is a new row with its own start date, never an edit,
-- so a stamp bought last year still shows the price it was bought at.
create table timbre_catalogue (
  code text not null,
  libelle text not null,
  demarche text not null check (demarche in ('passeport', 'cni')),
  usage text not null,
  montant_centimes integer not null check (montant_centimes > 0),
  conditions text not null,
  en_vigueur_du date not null,
  en_vigueur_au date,
  primary key (code, en_vigueur_du)
);

insert into timbre_catalogue (code, libelle, demarche, usage, montant_centimes, conditions, en_vigueur_du) values
  ('passeport-majeur', 'Passeport — personne majeure', 'passeport', 'passeport-majeur', 8600, 'Demandeur âgé de 18 ans ou plus.', '2017-03-01'),
  ('passeport-mineur-15', 'Passeport — mineur de 15 ans et plus', 'passeport', 'passeport-mineur-15', 4200, 'Demandeur âgé de 15 à 17 ans.', '2017-03-01'),
  ('passeport-mineur-moins-15', 'Passeport — mineur de moins de 15 ans', 'passeport', 'passeport-mineur-moins-15', 1700, 'Demandeur âgé de moins de 15 ans.', '2017-03-01'),
  ('cni-perte-vol', 'Carte nationale d’identité — renouvellement en cas de perte ou de vol', 'cni', 'cni-perte-vol', 2500, 'Uniquement si la carte précédente a été perdue ou volée ; la première carte et le renouvellement sont gratuits.', '2017-03-01');

-- The cart of a buyer without an account; the cookie holds a random token, the table its hash.
create table timbre_paniers (
  id uuid primary key default gen_random_uuid(),
  jeton_hash text not null unique,
  reponses jsonb not null default '{}'::jsonb,
  mode_reception text check (mode_reception in ('courriel', 'sms')),
  destinataire text,
  -- Set when the purchase starts from a pré-demande: its stamps are then attached to it.
  pre_demande text,
  cree_le timestamptz not null default now(),
  modifie_le timestamptz not null default now()
);

create table timbre_panier_lignes (
  panier_id uuid not null references timbre_paniers (id) on delete cascade,
  code text not null,
  quantite integer not null check (quantite between 1 and 10),
  primary key (panier_id, code)
);

-- A commande freezes the amounts read from the catalogue at validation: the browser never sends one.
create table timbre_commandes (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  panier_id uuid not null references timbre_paniers (id),
  statut text not null default 'en_attente' check (statut in ('en_attente', 'payee', 'refusee')),
  montant_centimes integer not null check (montant_centimes > 0),
  mode_reception text not null check (mode_reception in ('courriel', 'sms')),
  destinataire text not null,
  prestataire text not null,
  paiement_id text unique,
  pre_demande text,
  cree_le timestamptz not null default now(),
  payee_le timestamptz
);
create index timbre_commandes_panier on timbre_commandes (panier_id, cree_le);
create index timbre_commandes_statut on timbre_commandes (statut);
create index timbre_commandes_pre_demande on timbre_commandes (pre_demande) where pre_demande is not null;

create table timbre_commande_lignes (
  commande_id uuid not null references timbre_commandes (id),
  rang integer not null,
  code text not null,
  libelle text not null,
  usage text not null,
  montant_centimes integer not null,
  quantite integer not null check (quantite between 1 and 10),
  primary key (commande_id, rang)
);

-- (commande_id, ligne, exemplaire) is unique: issuing twice can never make a second set.
create table timbres (
  numero char(16) primary key,
  commande_id uuid not null references timbre_commandes (id),
  ligne integer not null,
  exemplaire integer not null,
  code text not null,
  usage text not null,
  montant_centimes integer not null,
  statut text not null default 'valide' check (statut in ('valide', 'consomme', 'rembourse', 'expire')),
  achete_le timestamptz not null,
  expire_le timestamptz not null,
  remboursable_jusqu_au timestamptz not null,
  unique (commande_id, ligne, exemplaire)
);
create index timbres_commande on timbres (commande_id);

-- One row per stamp at most: the primary key is the last line of defence against a double use.
create table timbre_consommations (
  numero char(16) primary key references timbres (numero),
  reference_dossier text not null,
  agent_id uuid,
  commune text,
  consomme_le timestamptz not null
);

-- The stamp becomes 'rembourse' first (no one can consume it any more), then the provider
-- refunds the card; a refund whose provider call failed stays 'demande' and is retried.
create table timbre_remboursements (
  numero char(16) primary key references timbres (numero),
  paiement_id text not null,
  montant_centimes integer not null,
  demande_le timestamptz not null,
  remboursement_id text,
  effectue_le timestamptz
);

-- Append-only history of every status change.
create table timbre_historique (
  id bigserial primary key,
  numero char(16) not null references timbres (numero),
  evenement text not null,
  de text,
  vers text not null,
  acteur text not null,
  le timestamptz not null,
  details jsonb not null default '{}'::jsonb
);
create index timbre_historique_numero on timbre_historique (numero, id);

-- Payment notifications already applied: a replayed webhook is recognised by its event id.
create table timbre_notifications_paiement (
  evenement_id text primary key,
  paiement_id text not null,
  recue_le timestamptz not null
);

-- The sandbox provider's own book (it plays the bank): no card number, expiry or CVV is kept.
create table timbre_sandbox_paiements (
  id text primary key,
  commande_reference text not null,
  montant_centimes integer not null,
  rembourse_centimes integer not null default 0,
  statut text not null default 'cree' check (statut in ('cree', 'authentification', 'reussi', 'refuse')),
  motif text,
  -- The behaviour the test card asked for ('succes', 'echec-3ds', 'sans-notification'), not the card.
  scenario text,
  remboursements jsonb not null default '{}'::jsonb,
  derniere_notification text,
  derniere_signature text,
  retour_url text not null,
  cree_le timestamptz not null,
  idempotency_key text not null unique
);
