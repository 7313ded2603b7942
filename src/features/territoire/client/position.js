/* global document, navigator */
// Amélioration progressive de « Où aller ? » : sans JavaScript, les champs latitude et
// longitude se remplissent à la main ; avec, un bouton les remplit depuis le navigateur.
// La position part seulement dans la requête de recherche ; elle n'est pas enregistrée.
const bouton = document.getElementById('utiliser-ma-position');
const formulaire = document.getElementById('formulaire-position');
const etat = document.getElementById('etat-position');
if (bouton && formulaire && etat && 'geolocation' in navigator) {
  bouton.hidden = false;
  bouton.addEventListener('click', () => {
    // Annoncé par la zone aria-live : la demande d'autorisation peut prendre du temps.
    etat.textContent = 'Recherche de votre position…';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        formulaire.elements.namedItem('lat').value = position.coords.latitude.toFixed(5);
        formulaire.elements.namedItem('lon').value = position.coords.longitude.toFixed(5);
        etat.textContent = 'Position trouvée ; recherche des lieux les plus proches…';
        formulaire.submit();
      },
      () => {
        etat.textContent = 'Votre position n’est pas disponible : saisissez le nom de votre commune.';
      },
      { timeout: 15000, maximumAge: 600000 },
    );
  });
}
