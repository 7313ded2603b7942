/* global document, navigator, window */
// Progressive enhancement of the recueil form: where the browser can read QR codes from the
// camera (BarcodeDetector), offer a "scan" button that fills the number and submits. Without
// it, the page works as before: a handheld scanner or the keyboard types the number.
(function () {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  var zone = document.getElementById('scan-zone');
  var bouton = document.getElementById('scan-bouton');
  var video = document.getElementById('scan-video');
  var champ = document.getElementById('champ-numero');
  var form = document.getElementById('form-recueil');
  if (!zone || !bouton || !video || !champ || !form) return;
  zone.hidden = false;
  bouton.addEventListener('click', function () {
    var detecteur = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (flux) {
      video.srcObject = flux;
      video.play();
      var lire = function () {
        detecteur.detect(video).then(function (codes) {
          if (codes.length > 0) {
            flux.getTracks().forEach(function (piste) { piste.stop(); });
            champ.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(lire);
          }
        });
      };
      lire();
    }).catch(function () {
      // Camera refused or absent: the typed number still works; say so next to the button.
      bouton.textContent = 'Caméra indisponible : saisissez le numéro';
      bouton.disabled = true;
    });
  });
})();
