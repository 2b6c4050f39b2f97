// Draws a bar chart of open cases per worker with uPlot, from the table the page already shows
// (so the figures exist once, readable without JavaScript and by screen readers).
//
//   <div class="sg-chart" data-chart-table="caseload-table" data-chart-limit="18"></div>
//   <table id="caseload-table"> ... <tr><th scope="row">Name</th><td data-cases="12">12</td> ...
import uPlot from './uPlot.esm.js';

function readTable(table) {
  const names = [];
  const cases = [];
  table.querySelectorAll('tbody tr').forEach((row) => {
    const name = row.querySelector('th');
    const count = row.querySelector('[data-cases]');
    if (!name || !count) return;
    names.push(name.textContent.trim());
    cases.push(Number(count.getAttribute('data-cases')));
  });
  return { names, cases };
}

export function drawCaseloadChart(element) {
  const table = document.getElementById(element.getAttribute('data-chart-table'));
  if (!table) return;
  const { names, cases } = readTable(table);
  if (names.length === 0) return;
  const limit = Number(element.getAttribute('data-chart-limit') || 0);

  element.setAttribute('role', 'img');
  element.setAttribute(
    'aria-label',
    `Bar chart of open cases for each of ${names.length} workers. The same figures are in the table.`,
  );

  const xs = names.map((_, index) => index);
  const series = [{}, {
    label: 'Open cases',
    fill: '#1d70b8',
    stroke: '#1d70b8',
    width: 0,
    paths: uPlot.paths.bars({ size: [0.7, 60] }),
    points: { show: false },
  }];
  const data = [xs, cases];
  if (limit > 0) {
    series.push({ label: 'Caseload limit', stroke: '#d4351c', width: 2, dash: [6, 4], points: { show: false } });
    data.push(xs.map(() => limit));
  }
  const width = Math.max(320, Math.min(960, element.clientWidth || 640, 48 * names.length + 80));
  const options = {
    width,
    height: 280,
    scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(max, limit) + 2] } },
    axes: [
      {
        values: (u, splits) => splits.map((i) => (Number.isInteger(i) && names[i] ? names[i].split(' ')[0] : '')),
        incrs: [1],
        rotate: -45,
        size: 70,
      },
      { label: 'Open cases' },
    ],
    legend: { show: true },
    cursor: { show: false },
    series,
  };
  new uPlot(options, data, element);
}
