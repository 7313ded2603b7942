-- Pilotage : agrégats tenus à jour dans la transaction de chaque changement d'état d'une
-- demande de titre (demandesService.appliquer), pour que le tableau de bord ne parcoure
-- jamais l'historique. Les recueils eux-mêmes sont comptés par stats_recueil_mensuel (0005).

-- Changements d'état comptés par commune, mois de l'événement, titre et état d'arrivée
-- (disponible, remise, detruite, refusee…). La commune est celle de la remise pour les
-- états de la remise (disponible, remise, detruite), celle du recueil pour les autres.
create table pilotage_transitions_mensuelles (
  commune text not null,
  mois date not null,
  titre text not null check (titre in ('cni', 'passeport')),
  vers text not null,
  nombre integer not null default 0,
  primary key (commune, mois, titre, vers)
);

-- Histogrammes des délais en jours entiers : recueil → disponible (commune du recueil) et
-- disponible → remise (commune de la remise), au mois où le délai se termine. Médiane et
-- 90e centile se lisent sur l'histogramme ; au-delà de 365 jours tout tombe dans la case 365.
create table pilotage_delais (
  commune text not null,
  mois date not null,
  titre text not null check (titre in ('cni', 'passeport')),
  mesure text not null check (mesure in ('recueil_disponible', 'disponible_remise')),
  jours integer not null check (jours between 0 and 365),
  nombre integer not null default 0,
  primary key (commune, mois, titre, mesure, jours)
);

-- Les mêmes histogrammes par département (préfixe du code INSEE de la commune) : la vue
-- nationale les lit sans parcourir les histogrammes des quelque 2 500 communes.
create table pilotage_delais_departement (
  departement text not null,
  mois date not null,
  titre text not null check (titre in ('cni', 'passeport')),
  mesure text not null check (mesure in ('recueil_disponible', 'disponible_remise')),
  jours integer not null check (jours between 0 and 365),
  nombre integer not null default 0,
  primary key (mois, titre, mesure, jours, departement)
);

-- Un département se lit comme un intervalle de codes INSEE (24000 ≤ code < 25) : l'ordre
-- binaire « C » rend cet intervalle exact quelle que soit la collation de la base. Les index
-- couvrent les colonnes lues (INCLUDE) : le tableau de bord d'un département se lit dans
-- l'index, sans aller chercher des lignes dispersées dans la table.
create index stats_recueil_mensuel_pilotage on stats_recueil_mensuel ((commune collate "C"), mois) include (titre, origine, nombre);
create index pilotage_transitions_commune on pilotage_transitions_mensuelles ((commune collate "C"), mois) include (titre, vers, nombre);
create index pilotage_delais_commune on pilotage_delais ((commune collate "C"), mois) include (titre, mesure, jours, nombre);
