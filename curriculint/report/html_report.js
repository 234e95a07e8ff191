/* The HTML report's script (curriculint/report/html.py inlines it). Plain JS, no
   network. The findings arrive as one JSON blob; at open only the first rows of the
   page table are built. A page's findings become DOM only when its row is opened,
   or when the filters leave few enough findings to show them all, and then in
   batches. Every filter recounts from the data, so the table's badges, the count
   shown and the rows follow it. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var text = data.strings;    // messages and excerpts, each stored once
  var rules = data.rules;     // [code, name, family index]
  var families = data.families;
  var paths = data.pages;     // sorted; a page's findings are contiguous
  // [page, rule, severity (0 error, 1 warning, 2 info), line, column, message,
  //  fixable, excerpt (-1: none), mark start, mark end (UTF-16 offsets)]
  var found = data.findings;
  var SEVERITY = ['error', 'warning', 'info'];
  var ROWS = 50;         // table rows per screen
  var BATCH = 100;       // findings rendered per page at a time
  var AUTO_OPEN = 200;   // when the filters leave at most this many, show them all
  var nf = families.length;
  var width = 4 + nf;    // per page: error, warning, info, total, then each family
  var columns = 5 + nf;

  var first = new Int32Array(paths.length + 1);
  for (var i = 0, p = 0; p <= paths.length; p++) {
    while (i < found.length && found[i][0] < p) { i++; }
    first[p] = i;
  }
  var ruleIndex = {};
  rules.forEach(function (rule, index) { ruleIndex[rule[0]] = index; });
  var familyIndex = {};
  families.forEach(function (family, index) { familyIndex[family] = index; });

  var byId = function (id) { return document.getElementById(id); };
  var search = byId('search');
  var ruleBox = byId('rule-filter');
  var familyBox = byId('family-filter');
  var fixBox = byId('fixable-filter');
  var severityBoxes = [].slice.call(document.querySelectorAll('input[name=severity]'));
  var tbody = byId('page-rows');
  var shown = byId('shown');
  var range = byId('range');
  var previous = byId('previous');
  var next = byId('next');
  var sortButtons = [].slice.call(document.querySelectorAll('[data-sort]'));

  var sort = {key: 'error', descending: true};
  var offset = 0;
  var printing = false;
  var opened = {};  // page -> opened or closed by the user; unset: open when few are shown
  var limit = {};   // page -> findings rendered so far
  var counts, hits, rows, total;
  var haystacks = null;
  var lowerPaths = paths.map(function (path) { return path.toLowerCase(); });

  var ESCAPES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'};
  function esc(value) {
    return String(value).replace(/[&<>"]/g, function (c) { return ESCAPES[c]; });
  }
  // Emoji shown as emoji (by default, or asked for with U+FE0F), with modifiers and
  // ZWJ sequences: drawn with a colour emoji font first. In the text's own font
  // stack they come last, and a text font with a plain glyph (DejaVu's warning
  // sign) would win. A browser without Unicode property escapes leaves them be.
  var EMOJI = null;
  try {
    EMOJI = new RegExp('(?:\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F|' +
      '[0-9#*]\\uFE0F?\\u20E3)(?:[\\u{1F3FB}-\\u{1F3FF}]|\\uFE0F|\\u200D' +
      '(?:\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F?))*', 'gu');
  } catch (error) { EMOJI = null; }
  function escText(value) {
    var html = esc(value);
    return EMOJI ? html.replace(EMOJI, '<span class="emoji">$&</span>') : html;
  }
  function plural(count, word) { return count + ' ' + word + (count === 1 ? '' : 's'); }

  function haystack(index) {
    var f = found[index];
    var rule = rules[f[1]];
    return (rule[0] + ' ' + rule[1] + ' ' + text[f[5]] + ' ' +
            (f[7] >= 0 ? text[f[7]] : '')).toLowerCase();
  }

  function buildHaystacks() {
    if (haystacks) { return; }
    haystacks = new Array(found.length);
    for (var h = 0; h < found.length; h++) { haystacks[h] = haystack(h); }
  }

  // Recount every page under the current filters.
  function filter() {
    var query = search.value.trim().toLowerCase();
    var terms = query ? query.split(/\s+/) : [];
    var rule = ruleBox.value ? ruleIndex[ruleBox.value] : -1;
    var family = familyBox.value ? familyIndex[familyBox.value] : -1;
    var severity = severityBoxes.map(function (box) { return box.checked; });
    var fixOnly = fixBox.checked;
    if (terms.length) { buildHaystacks(); }
    counts = new Int32Array(paths.length * width);
    hits = new Array(paths.length);
    rows = [];
    total = 0;
    for (var p = 0; p < paths.length; p++) {
      // Terms the path holds match all of its findings; the rest must be in the text.
      var left = terms.filter(function (term) { return lowerPaths[p].indexOf(term) < 0; });
      var list = [];
      var base = p * width;
      for (var i = first[p]; i < first[p + 1]; i++) {
        var f = found[i];
        var ruleFamily = rules[f[1]][2];
        if (!severity[f[2]] || (rule >= 0 && f[1] !== rule) ||
            (family >= 0 && ruleFamily !== family) || (fixOnly && !f[6])) { continue; }
        var ok = true;
        for (var t = 0; t < left.length && ok; t++) { ok = haystacks[i].indexOf(left[t]) >= 0; }
        if (!ok) { continue; }
        list.push(i);
        counts[base + f[2]] += 1;
        counts[base + 4 + ruleFamily] += 1;
      }
      counts[base + 3] = list.length;
      hits[p] = list;
      if (list.length) { rows.push(p); total += list.length; }
    }
  }

  function column(key) {
    if (key.indexOf('family:') === 0) { return 4 + familyIndex[key.slice(7)]; }
    return {error: 0, warning: 1, info: 2, total: 3}[key];
  }

  // The chosen column, then worst first (errors, warnings, notes), then path.
  function sortRows() {
    var sign = sort.descending ? -1 : 1;
    var key = sort.key === 'path' ? -1 : column(sort.key);
    rows.sort(function (a, b) {
      var d;
      if (key < 0) { return sign * (paths[a] < paths[b] ? -1 : 1); }
      d = counts[a * width + key] - counts[b * width + key];
      if (d) { return sign * d; }
      for (var k = 0; k < 3; k++) {
        d = counts[b * width + k] - counts[a * width + k];
        if (d) { return d; }
      }
      return paths[a] < paths[b] ? -1 : 1;
    });
  }

  function isOpen(p) { return p in opened ? opened[p] : total <= AUTO_OPEN; }

  function findingHtml(index) {
    var f = found[index];
    var severity = SEVERITY[f[2]];
    var rule = rules[f[1]];
    var html = '<li class="finding sev-' + severity + '" data-rule="' + esc(rule[0]) +
      '" data-severity="' + severity + '"><div class="meta"><span class="loc" title="' +
      esc(paths[f[0]] + ':' + f[3] + ':' + f[4]) + '">' + f[3] + ':' + f[4] +
      '</span><span class="badge ' + severity + '">' + severity + '</span>' +
      '<a class="code" href="#rule-' + esc(rule[0]) + '" title="' + esc(rule[1]) + '">' +
      esc(rule[0]) + '</a><span class="msg">' + escText(text[f[5]]) + '</span>' +
      (f[6] ? ' <span class="badge fix">fixable</span>' : '') + '</div>';
    if (f[7] >= 0) {
      var line = text[f[7]];
      html += '<pre class="src"><span class="ln">' + f[3] + '</span><code>' +
        escText(line.slice(0, f[8])) + '<mark>' + (escText(line.slice(f[8], f[9])) || ' ') +
        '</mark>' + escText(line.slice(f[9])) + '</code></pre>';
    }
    return html + '</li>';
  }

  function detailHtml(p) {
    var list = hits[p];
    var n = printing ? list.length : Math.min(list.length, limit[p] || BATCH);
    var html = '<tr class="detail" id="detail-' + p + '"><td colspan="' + columns + '">' +
      '<ol class="findings" aria-label="' + esc('Findings in ' + paths[p]) + '">';
    for (var k = 0; k < n; k++) { html += findingHtml(list[k]); }
    html += '</ol>';
    if (n < list.length) {
      html += '<button type="button" class="more" data-page="' + p + '">Show ' +
        Math.min(BATCH, list.length - n) + ' more (' + (list.length - n) +
        ' not shown)</button>';
    }
    return html + '</td></tr>';
  }

  function rowHtml(p) {
    var base = p * width;
    var open = isOpen(p);
    var html = '<tr class="row" data-page="' + p + '"><th scope="row"><button type="button" ' +
      'class="open" aria-expanded="' + open + '" aria-controls="detail-' + p + '">' +
      esc(paths[p]) + '</button></th>';
    for (var k = 0; k < 3; k++) {
      var n = counts[base + k];
      html += '<td>' + (n ? '<span class="badge ' + SEVERITY[k] + '">' + n + '</span>' : '') +
        '</td>';
    }
    html += '<td class="total">' + counts[base + 3] + '</td>';
    for (k = 0; k < nf; k++) { html += '<td class="fam">' + (counts[base + 4 + k] || '') + '</td>'; }
    return html + '</tr>' + (open ? detailHtml(p) : '');
  }

  function render() {
    sortRows();
    if (offset >= rows.length) { offset = 0; }
    var end = printing ? rows.length : Math.min(rows.length, offset + ROWS);
    var html = '';
    for (var j = printing ? 0 : offset; j < end; j++) { html += rowHtml(rows[j]); }
    tbody.innerHTML = html;
    range.textContent = rows.length
      ? 'Pages ' + (offset + 1) + '\u2013' + end + ' of ' + rows.length
      : 'No page has a finding that passes the filters.';
    previous.disabled = offset === 0;
    next.disabled = end >= rows.length;
    previous.hidden = next.hidden = rows.length <= ROWS;
    shown.textContent = plural(total, 'finding') + ' shown, on ' + plural(rows.length, 'page');
    sortButtons.forEach(function (button) {
      var key = button.getAttribute('data-sort');
      button.parentNode.setAttribute('aria-sort', key !== sort.key ? 'none'
        : sort.descending ? 'descending' : 'ascending');
    });
  }

  function apply() {
    filter();
    offset = 0;
    render();
  }

  function showResults() {
    var title = byId('pages-title');
    title.focus({preventScroll: true});
    title.scrollIntoView();
  }

  function reset() {
    search.value = '';
    ruleBox.value = '';
    familyBox.value = '';
    fixBox.checked = false;
    severityBoxes.forEach(function (box) { box.checked = true; });
  }

  search.addEventListener('input', apply);
  [ruleBox, familyBox, fixBox].concat(severityBoxes).forEach(function (box) {
    box.addEventListener('change', apply);
  });
  byId('clear').addEventListener('click', function () { reset(); apply(); });

  document.querySelectorAll('.bars button').forEach(function (bar) {
    bar.addEventListener('click', function () {
      var rule = bar.getAttribute('data-filter-rule');
      var family = bar.getAttribute('data-filter-family');
      var severity = bar.getAttribute('data-filter-severity');
      if (rule) { ruleBox.value = rule; }
      if (family) { familyBox.value = family; }
      if (severity) {
        severityBoxes.forEach(function (box) { box.checked = box.value === severity; });
      }
      apply();
      showResults();
    });
  });

  sortButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-sort');
      sort = {key: key, descending: key === sort.key ? !sort.descending : key !== 'path'};
      offset = 0;
      render();
    });
  });

  previous.addEventListener('click', function () { offset = Math.max(0, offset - ROWS); render(); });
  next.addEventListener('click', function () { offset += ROWS; render(); });

  tbody.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) { return; }
    var p = +button.closest('[data-page]').getAttribute('data-page');
    if (button.classList.contains('more')) {
      limit[p] = (limit[p] || BATCH) + BATCH;
      var detail = byId('detail-' + p);
      var before = detail.querySelectorAll('.finding').length;
      detail.outerHTML = detailHtml(p);
      var fresh = byId('detail-' + p).querySelectorAll('.finding a.code')[before];
      if (fresh) { fresh.focus(); }
      return;
    }
    var open = !isOpen(p);
    opened[p] = open;
    button.setAttribute('aria-expanded', String(open));
    var shownDetail = byId('detail-' + p);
    if (shownDetail) { shownDetail.parentNode.removeChild(shownDetail); }
    if (open) { button.closest('tr').insertAdjacentHTML('afterend', detailHtml(p)); }
  });

  // Print every page that passes the filters, with the findings of those opened.
  window.addEventListener('beforeprint', function () { printing = true; render(); });
  window.addEventListener('afterprint', function () { printing = false; render(); });

  // The table's header sticks under the filter bar, whatever height its wrapping gives it.
  var filters = document.querySelector('.filters');
  function stickUnderFilters() {
    document.documentElement.style.setProperty('--filters-height', filters.offsetHeight + 'px');
  }
  window.addEventListener('resize', stickUnderFilters);
  requestAnimationFrame(stickUnderFilters);

  apply();
  window.__ready = performance.now();
  if (performance.mark) { performance.mark('curriculint-ready'); }
  // The first search should not wait for the text index: build it once idle.
  (window.requestIdleCallback || setTimeout)(buildHaystacks);
})();
