/* global document, navigator */
// Amélioration progressive de « Où aller ? » : sans JavaScript, les champs latitude et
// longitude se remplissent à la main ; avec, un bouton les remplit depuis le navigateur.
// La position part seulement dans la requête de recherche ; elle n'est pas enregistrée,
// et elle est arrondie au centième de degré (environ 1 km) : assez pour trouver la mairie
// la plus proche, trop peu pour désigner un domicile dans l'adresse de la page.
const bouton = document.getElementById('utiliser-ma-position');
const formulaire = document.getElementById('formulaire-position');
const etat = document.getElementById('etat-position');

const MESSAGES_ERREUR = {
  1: 'Vous n’avez pas autorisé l’accès à votre position : saisissez le nom de votre commune ou son code postal.',
  2: 'Votre position n’a pas pu être déterminée : saisissez le nom de votre commune ou son code postal.',
  3: 'Votre position n’a pas pu être déterminée à temps : saisissez le nom de votre commune ou son code postal.',
};

function annoncer(message, erreur) {
  etat.textContent = message;
  etat.classList.toggle('fr-error-text', erreur);
}

if (bouton && formulaire && etat && 'geolocation' in navigator) {
  bouton.hidden = false;
  bouton.addEventListener('click', () => {
    // Annoncé par la zone aria-live : la demande d'autorisation peut prendre du temps.
    annoncer('Recherche de votre position…', false);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        formulaire.elements.namedItem('lat').value = position.coords.latitude.toFixed(2);
        formulaire.elements.namedItem('lon').value = position.coords.longitude.toFixed(2);
        annoncer('Position trouvée ; recherche des lieux les plus proches…', false);
        formulaire.submit();
      },
      (erreur) => annoncer(MESSAGES_ERREUR[erreur.code] || MESSAGES_ERREUR[2], true),
      { timeout: 15000, maximumAge: 600000 },
    );
  });
}
