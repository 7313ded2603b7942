/* global document, fetch */
// Carte de la page OÙ : elle s'ajoute à la liste, qui reste l'équivalent complet et
// accessible. Sans fond de carte (aucun réseau, ou aucun fond configuré), elle montre
// quand même le département par les contours des communes que la plateforme détient.
import { circleMarker, control, geoJSON, layerGroup, map as creerCarte, tileLayer } from '/territoire/leaflet/leaflet-src.esm.js';

const conteneur = document.getElementById('carte');

function texte(balise, contenu) {
  const element = document.createElement(balise);
  element.textContent = contenu;
  return element;
}

async function afficher() {
  const feuille = document.createElement('link');
  feuille.rel = 'stylesheet';
  feuille.href = '/territoire/leaflet/leaflet.css';
  document.head.append(feuille);
  conteneur.hidden = false;
  conteneur.style.height = '32rem';
  const couleurs = JSON.parse(conteneur.dataset.couleurs || '{}');
  const legende = JSON.parse(conteneur.dataset.legende || '{}');
  const types = (conteneur.dataset.types || '').split(',').filter(Boolean);
  const carte = creerCarte(conteneur, { zoomSnap: 0.25 });
  if (conteneur.dataset.tuiles) tileLayer(conteneur.dataset.tuiles, { attribution: conteneur.dataset.attribution || '' }).addTo(carte);

  const [contours, points] = await Promise.all([
    fetch('/api/v1/contours').then((r) => r.json()),
    fetch(`/api/v1/points?type=${encodeURIComponent(types.join(','))}`).then((r) => r.json()),
  ]);
  const fond = geoJSON(contours, { style: { color: '#6a6a6a', weight: 1, fillColor: '#f6f6f6', fillOpacity: 0.6 } }).addTo(carte);
  const calques = {};
  for (const type of types) {
    const groupe = layerGroup();
    for (const f of points.features.filter((p) => p.properties.type === type && p.geometry)) {
      const [lon, lat] = f.geometry.coordinates;
      const bulle = document.createElement('div');
      bulle.append(texte('strong', f.properties.nom), document.createElement('br'), texte('span', f.properties.commune_nom));
      const lien = document.createElement('a');
      lien.href = `/communes/${f.properties.commune_code}`;
      lien.textContent = ' — fiche de la commune';
      bulle.append(lien);
      circleMarker([lat, lon], { radius: 7, color: '#161616', weight: 1, fillColor: couleurs[type] || '#000091', fillOpacity: 0.9 })
        .bindPopup(bulle)
        .addTo(groupe);
    }
    groupe.addTo(carte);
    calques[legende[type] || type] = groupe;
  }
  control.layers(undefined, calques, { collapsed: false }).addTo(carte);
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
