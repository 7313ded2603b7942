-- La remise d'un titre : ce qu'il est advenu de l'ancien titre, et chaque contrôle d'identité
-- fait au guichet. Seul le résultat est gardé (jamais d'image d'empreinte) : qui, quand, où,
-- sur quel dispositif ; pour un enfant de moins de 12 ans, le représentant légal présent.
alter table demandes_titres add column ancien_titre text check (ancien_titre in ('restitue', 'aucun', 'perdu_vole'));

create table demandes_titres_controles_remise (
  id bigserial primary key,
  demande_id uuid not null references demandes_titres (id) on delete cascade,
  at timestamptz not null,
  agent_id uuid,
  commune text not null,
  methode text not null check (methode in ('empreintes', 'representant_legal')),
  resultat text not null check (resultat in ('concordance', 'discordance', 'dispositif_indisponible', 'representant_present')),
  dispositif text,
  representant_nom text,
  representant_qualite text check (representant_qualite in ('mere', 'pere', 'tuteur'))
);
create index demandes_titres_controles_remise_demande on demandes_titres_controles_remise (demande_id, id);
create index demandes_titres_remise_naissance on demandes_titres (commune_remise, etat, date_naissance);

create function demandes_titres_controles_ajout_seul() returns trigger language plpgsql as $$
begin
  raise exception 'demandes_titres_controles_remise est en ajout seul';
end
$$;
create trigger demandes_titres_controles_fige before update on demandes_titres_controles_remise
  for each row execute function demandes_titres_controles_ajout_seul();
