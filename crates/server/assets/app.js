// atscore web UI: progressive enhancements only; every page works without this script.
// - Candidate uploads (form[data-upload]) are sent with XMLHttpRequest to show a <progress>
//   bar, then the browser goes to the page the server redirected to (the job page with the
//   upload summary). Errors show the server's explanation next to the button.
// - Long forms (form[data-busy]) disable their button while the server works.
(function () {
  'use strict';

  // The explanation of a server error page (its .problem-detail paragraph).
  function problemDetail(html) {
    try {
      var doc = new DOMParser().parseFromString(html || '', 'text/html');
      var d = doc.querySelector('.problem-detail');
      return d ? d.textContent.trim() : '';
    } catch (e) {
      return '';
    }
  }

  function enhanceUpload(form) {
    var progress = form.querySelector('.upload-progress');
    var status = form.querySelector('.upload-status');
    var button = form.querySelector('button[type="submit"]');
    if (!progress || !status || !window.FormData || !window.XMLHttpRequest) {
      return;
    }

    function fail(message) {
      if (button) { button.disabled = false; }
      progress.hidden = true;
      status.textContent = message;
      status.classList.add('upload-error');
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && e.total > 0) {
          var pct = Math.round((e.loaded * 100) / e.total);
          progress.value = pct;
          status.textContent = 'Uploading… ' + pct + '%';
        }
      });
      xhr.upload.addEventListener('load', function () {
        progress.removeAttribute('value'); // indeterminate while the server analyses
        status.textContent = 'Uploaded; reading and scoring the resumes…';
      });
      xhr.addEventListener('load', function () {
        if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
          window.location.assign(xhr.responseURL);
        } else {
          fail(problemDetail(xhr.responseText) || 'The upload failed (HTTP ' + xhr.status + ').');
        }
      });
      xhr.addEventListener('error', function () {
        fail('The upload failed: the connection to the server was lost.');
      });
      status.classList.remove('upload-error');
      progress.value = 0;
      progress.hidden = false;
      status.textContent = 'Uploading…';
      if (button) { button.disabled = true; }
      xhr.send(new FormData(form));
    });
  }

  function enhanceBusy(form) {
    var button = form.querySelector('button[type="submit"]');
    if (!button) { return; }
    var idle = button.textContent;
    form.addEventListener('submit', function () {
      // After the submission has started, so the form still sends normally.
      window.setTimeout(function () {
        button.disabled = true;
        button.textContent = form.getAttribute('data-busy') || idle;
      }, 0);
    });
    // Coming back with the browser's back button: the button works again.
    window.addEventListener('pageshow', function () {
      button.disabled = false;
      button.textContent = idle;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), enhanceUpload);
  Array.prototype.forEach.call(document.querySelectorAll('form[data-busy]'), enhanceBusy);
})();
