// Progressive enhancement for Safeguard's pages. Every page works without JavaScript; this adds
// GOV.UK Frontend's behaviours (error summary focus, menus, ...), autosave of drafts on forms that
// ask for it (data-autosave-key), and the caseload chart where a page has one (data-chart-table).
import { initAll } from './govuk-frontend.min.js';

initAll();

const autosaveForms = document.querySelectorAll('form[data-autosave-key]');
if (autosaveForms.length > 0) {
  const { startAutosave } = await import('./autosave.js');
  autosaveForms.forEach((form) => startAutosave(form));
}

const charts = document.querySelectorAll('[data-chart-table]');
if (charts.length > 0) {
  const { drawCaseloadChart } = await import('./caseload-chart.js');
  charts.forEach((element) => drawCaseloadChart(element));
}
