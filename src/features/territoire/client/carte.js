/* global document, fetch */
// Carte de la page OÙ : elle s'ajoute à la liste, qui reste l'équivalent complet et
// accessible. Sans fond de carte (aucun réseau, ou aucun fond configuré), elle montre
// quand même le département par les contours des communes que la plateforme détient.
import { circleMarker, control, geoJSON, layerGroup, map as creerCarte, tileLayer } from '/territoire/leaflet/leaflet-src.esm.js';

const conteneur = document.getElementById('carte');
const TYPE_VALIDE = /^[a-z_]+$/;
const COULEUR_VALIDE = /^#[0-9a-fA-F]{3,8}$/;

function texte(balise, contenu) {
  const element = document.createElement(balise);
  element.textContent = contenu;
  return element;
}

// Leaflet écrit le nom d'un calque en HTML : on n'y met que nos propres libellés, échappés,
// et une pastille SVG à attribut de présentation (la CSP refuse les attributs style).
function nomDuCalque(libelle, couleur) {
  const pastille = COULEUR_VALIDE.test(couleur)
    ? `<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><circle cx="7" cy="7" r="6" fill="${couleur}" stroke="#161616" stroke-width="1"/></svg> `
    : '';
  return `${pastille}${texte('span', libelle).outerHTML}`;
}

// La carte se dimensionne à sa création : ses feuilles de style doivent être chargées avant.
function feuilleDeStyle(href) {
  return new Promise((resolve, reject) => {
    const feuille = document.createElement('link');
    feuille.rel = 'stylesheet';
    feuille.href = href;
    feuille.addEventListener('load', resolve);
    feuille.addEventListener('error', reject);
    document.head.append(feuille);
  });
}

async function afficher() {
  await feuilleDeStyle('/territoire/leaflet/leaflet.css');
  await feuilleDeStyle('/territoire/js/carte.css');
  conteneur.hidden = false;
  const couleurs = JSON.parse(conteneur.dataset.couleurs || '{}');
  const legende = JSON.parse(conteneur.dataset.legende || '{}');
  const types = (conteneur.dataset.types || '').split(',').filter((t) => TYPE_VALIDE.test(t));
  const carte = creerCarte(conteneur, { zoomSnap: 0.25 });
  // Sans adresse de tuiles, aucune requête ne part vers un serveur de fond de carte.
  if (conteneur.dataset.tuiles) tileLayer(conteneur.dataset.tuiles, { attribution: conteneur.dataset.attribution || '' }).addTo(carte);

  const [contours, points] = await Promise.all([
    fetch('/api/v1/contours').then((r) => r.json()),
    fetch(`/api/v1/points?type=${encodeURIComponent(types.join(','))}`).then((r) => r.json()),
  ]);
  // Les contours sont le fond de la carte, pas des objets à cliquer : seuls les lieux sont interactifs.
  const fond = geoJSON(contours, {
    interactive: false,
    className: 'gt-contour',
    attribution: contours.features.length > 0 ? 'Contours : IGN Admin Express' : '',
    style: { color: '#6a6a6a', weight: 1, fillColor: '#f6f6f6', fillOpacity: 0.6 },
  }).addTo(carte);
  // Places known only by their commune share its centre (a DR mairie and a sous-préfecture,
  // say): each marker drawn earlier at the same spot is made larger, a ring around the next
  // one, so that every place stays visible and clickable.
  const cle = (f) => f.geometry.coordinates.join(',');
  const restants = new Map();
  for (const type of types) {
    for (const f of points.features.filter((p) => p.properties.type === type && p.geometry)) restants.set(cle(f), (restants.get(cle(f)) || 0) + 1);
  }
  const calques = {};
  for (const type of types) {
    const groupe = layerGroup();
    for (const f of points.features.filter((p) => p.properties.type === type && p.geometry)) {
      const [lon, lat] = f.geometry.coordinates;
      const bulle = document.createElement('div');
      bulle.append(texte('strong', f.properties.nom), document.createElement('br'), texte('span', f.properties.commune_nom));
      const lien = document.createElement('a');
      lien.href = `/communes/${encodeURIComponent(f.properties.commune_code)}`;
      lien.textContent = ' — fiche de la commune';
      bulle.append(lien);
      const auDessus = restants.get(cle(f)) - 1;
      restants.set(cle(f), auDessus);
      circleMarker([lat, lon], { radius: 7 + 5 * auDessus, color: '#161616', weight: 1, fillColor: couleurs[type] || '#000091', fillOpacity: 0.9, className: `gt-point gt-point--${type}` })
        .bindPopup(bulle)
        .addTo(groupe);
    }
    groupe.addTo(carte);
    calques[nomDuCalque(legende[type] || type, couleurs[type] || '')] = groupe;
  }
  control.layers(undefined, calques, { collapsed: false }).addTo(carte);
  // A layer shown again is drawn on top: restore the kit's order so larger rings stay below.
  carte.on('overlayadd', () => {
    for (const groupe of Object.values(calques)) if (carte.hasLayer(groupe)) groupe.eachLayer((marqueur) => marqueur.bringToFront());
  });
  const bornes = fond.getBounds();
  if (bornes.isValid()) carte.fitBounds(bornes);
  else {
    const tous = geoJSON(points);
    if (tous.getBounds().isValid()) carte.fitBounds(tous.getBounds().pad(0.2));
    else carte.setView([46.6, 2.4], 5);
  }
}

if (conteneur) {
  afficher().catch(() => {
    // La liste suffit : une carte à moitié chargée serait trompeuse.
    conteneur.hidden = true;
  });
}
