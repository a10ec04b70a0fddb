/**
 * The inline CSS and script of the HTML report. Kept as strings so the report stays one file and the module
 * runs in a browser as in Node.
 *
 * @module
 */

/** The report's style sheet (screen and print). */
export const REPORT_CSS = `
:root{--fg:#1b1f23;--muted:#5f6b76;--line:#d6dde3;--err:#b71c1c;--warn:#a65e00;--info:#1565c0;--ok:#2e7d32;--bg:#fff}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:72rem;padding:1rem 1.5rem;line-height:1.45}
html[data-lang=fr] .l-en,html[data-lang=en] .l-fr{display:none}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
.meta,.privacy{color:var(--muted);font-size:.9rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;background:#f3f5f7;padding:0 .2em;border-radius:3px}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card .value{font-size:1.5rem;font-weight:600}.card .label{color:var(--muted);font-size:.85rem}
.card.sev-error .value{color:var(--err)}.card.sev-warning .value{color:var(--warn)}.card.sev-info .value{color:var(--info)}
.verdict{font-weight:600;padding:.4rem .7rem;border-radius:4px}.verdict.ok{background:#e8f5e9;color:var(--ok)}.verdict.ko{background:#ffebee;color:var(--err)}
.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;background:#f7f9fa;border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin-bottom:.6rem}
details.rule,details.audit-section{border:1px solid var(--line);border-radius:6px;margin:.35rem 0;padding:.3rem .7rem}
details summary{cursor:pointer}
.badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:3px;padding:0 .4em;color:#fff}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}.badge.sev-info{background:var(--info)}
.count{float:right;font-weight:600}
li.finding{margin:.15rem 0}.where{color:var(--muted);font-size:.85rem}
.more{color:var(--muted);font-style:italic}
.legend-item{margin-right:1rem;white-space:nowrap}
.chart{overflow-x:auto}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;font-size:.9rem}td.num{text-align:right}
.halves{display:flex;flex-wrap:wrap;gap:2rem}
.hidden{display:none!important}
button{font:inherit;padding:.2rem .7rem;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
@media print{
  .no-print{display:none!important}
  body{max-width:none;padding:0;font-size:10pt}
  details.rule,details.audit-section{break-inside:avoid-page}
  h2{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
`;

/** The report's script: language switch, filters by severity and variable, every group open for printing. */
export const REPORT_SCRIPT = `
(function () {
  var root = document.documentElement;
  var toggle = document.getElementById('lang-toggle');
  if (toggle) toggle.addEventListener('click', function () {
    var next = root.getAttribute('data-lang') === 'fr' ? 'en' : 'fr';
    root.setAttribute('data-lang', next); root.setAttribute('lang', next);
    toggle.textContent = next === 'fr' ? 'English' : 'Français';
  });
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll('input.f-sev'));
  var varSelect = document.getElementById('f-var');
  var counter = document.getElementById('f-count');
  function apply() {
    var sevs = sevBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var v = varSelect ? varSelect.value : '';
    var shown = 0;
    document.querySelectorAll('details.rule').forEach(function (group) {
      var visible = 0;
      var sevOk = sevs.indexOf(group.getAttribute('data-sev')) >= 0;
      group.querySelectorAll('li.finding').forEach(function (li) {
        var ok = sevOk && (!v || li.getAttribute('data-vars').indexOf(' ' + v + ' ') >= 0);
        li.classList.toggle('hidden', !ok);
        if (ok) visible++;
      });
      var groupOk = sevOk && (!v || group.getAttribute('data-vars').indexOf(' ' + v + ' ') >= 0);
      group.classList.toggle('hidden', !groupOk);
      var c = group.querySelector('.count');
      if (c) c.textContent = v && groupOk ? visible + ' / ' + c.getAttribute('data-total') : c.getAttribute('data-total');
      if (groupOk) shown++;
    });
    if (counter) counter.textContent = shown + (root.getAttribute('data-lang') === 'fr' ? ' règle(s)' : ' rule(s)');
  }
  sevBoxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (varSelect) varSelect.addEventListener('change', apply);
  apply();
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.setAttribute('open', ''); });
  });
})();
`;
