/**
 * The inline CSS and script of the HTML report. Kept as strings so the report stays one file and the module
 * runs in a browser as in Node.
 *
 * @module
 */

/** What the validation and audit page adds to the reports' style sheet (`PAGE_CSS` in kit.ts). */
export const REPORT_CSS = `
.var{white-space:nowrap}.coded code{margin-right:.15em}.code-label,.var-label{color:var(--muted)}
`;

/** The report's script: filters by severity and variable (the language switch is the kit's `LANG_SCRIPT`). */
export const REPORT_SCRIPT = `
(function () {
  var root = document.documentElement;
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
  document.addEventListener('olinpe-lang', apply);
  apply();
})();
`;
