// Autosave: a form with data-autosave-key keeps a draft on the server as the person types, so a
// session timeout, a closed tab or a crash loses nothing. On the next visit the draft is put back.
//
//   <form data-autosave-key="visit-42" data-autosave-restore="true"> ...
//     <p class="govuk-body-s sg-autosave-status" data-autosave-status aria-live="polite"></p>
//
// Drafts go to PUT /drafts/{key} as {"fields": {name: value}} with the session's CSRF token
// (X-CSRF-Token, from <meta name="csrf-token">); GET returns {"fields", "saved_at"} or 404. The
// server deletes the draft when the form is submitted successfully. data-autosave-restore is
// "false" when the server re-shows a form with errors: what the person just sent wins.

const SAVE_DELAY_MS = 1000;

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

function draftUrl(key) {
  return `/drafts/${encodeURIComponent(key)}`;
}

// The form's own fields (never the CSRF token) as name -> value.
function readFields(form) {
  const fields = {};
  for (const element of form.elements) {
    if (!element.name || element.name === 'csrf_token' || element.disabled) continue;
    if (element.type === 'submit' || element.type === 'button' || element.type === 'hidden') continue;
    if (element.type === 'checkbox' || element.type === 'radio') {
      if (element.checked) fields[element.name] = element.value;
      else if (!(element.name in fields) && element.type === 'checkbox') fields[element.name] = '';
      continue;
    }
    fields[element.name] = element.value;
  }
  return fields;
}

function writeFields(form, fields) {
  for (const element of form.elements) {
    if (!element.name || !(element.name in fields) || element.name === 'csrf_token') continue;
    if (element.type === 'hidden' || element.type === 'submit') continue;
    const value = String(fields[element.name]);
    if (element.type === 'checkbox' || element.type === 'radio') {
      element.checked = element.value === value;
    } else {
      element.value = value;
    }
  }
}

function timeOf(savedAt) {
  const date = savedAt ? new Date(savedAt) : new Date();
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function startAutosave(form) {
  const key = form.getAttribute('data-autosave-key');
  const status = form.querySelector('[data-autosave-status]');
  const say = (text) => { if (status) status.textContent = text; };
  let timer = null;
  let lastSaved = JSON.stringify(readFields(form));
  let submitting = false;

  async function save({ keepalive = false } = {}) {
    timer = null;
    const fields = readFields(form);
    const body = JSON.stringify({ fields });
    if (JSON.stringify(fields) === lastSaved || submitting) return;
    try {
      const response = await fetch(draftUrl(key), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
        body,
        credentials: 'same-origin',
        keepalive,
      });
      if (response.ok) {
        lastSaved = JSON.stringify(fields);
        say(`Draft saved at ${timeOf()}`);
      } else if (response.status === 401) {
        say('Your session has ended, so this draft is no longer being saved. Copy your text, then sign in again.');
      } else {
        say('The draft could not be saved just now. It will be tried again as you type.');
      }
    } catch (error) {
      say('The draft could not be saved: check your connection. It will be tried again as you type.');
    }
  }

  function scheduleSave() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  }

  form.addEventListener('input', scheduleSave);
  form.addEventListener('change', scheduleSave);
  form.addEventListener('submit', () => {
    submitting = true;
    if (timer) clearTimeout(timer);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save({ keepalive: true });
  });

  if (form.getAttribute('data-autosave-restore') === 'true') {
    fetch(draftUrl(key), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((draft) => {
        if (!draft || !draft.fields || typeof draft.fields !== 'object') return;
        writeFields(form, draft.fields);
        lastSaved = JSON.stringify(readFields(form));
        const when = timeOf(draft.saved_at);
        say(when ? `Your draft from ${when} has been restored.` : 'Your draft has been restored.');
      })
      .catch(() => {});
  }
}
