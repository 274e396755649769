/*
 * The Storage page's script: fills the tables from the plugin's JSON endpoints, sends the changing
 * requests (POST with the X-Skeleton-Storage header, which the servlet requires), pages through keys
 * and draws the charts. No library: plain DOM, fetch and canvas.
 *
 * Everything that comes from the storage (names, keys, values, messages) reaches the page through
 * textContent, never as markup.
 */
(function () {
  'use strict';

  var rootElement = document.getElementById('storage-root');
  if (!rootElement) {
    return;
  }
  var ROOT = rootElement.getAttribute('data-root');
  var HEADER = 'X-Skeleton-Storage';
  var STATS_EVERY_MS = 2000;
  var STORES_EVERY_MS = 5000;
  var CHART_POINTS = 60;

  var state = {
    store: '',          // the selected store: browser, versions and charts
    overview: '',       // the stores.json last rendered
    storeNames: '',     // the store list last rendered, to rebuild the select only when it changes
    engineNames: '',    // likewise for the engine select
    query: null,        // the key browser's query, fixed when "Show keys" is pressed
    next: null,         // the cursor of the next page of keys
    page: 0,
    last: null,         // the previous stats reading
    rates: { reads: [], writes: [], commits: [] },
    latency: { readP50: [], readP99: [], writeP50: [], writeP99: [] }
  };

  function byId(id) {
    return document.getElementById(id);
  }

  // ---- requests

  function queryString(params) {
    var parts = [];
    Object.keys(params || {}).forEach(function (name) {
      parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(params[name] == null ? '' : params[name]));
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function readJson(response) {
    return response.text().then(function (text) {
      var body;
      try {
        body = JSON.parse(text);
      } catch (notJson) {
        body = { error: 'HTTP ' + response.status + ' ' + response.statusText };
      }
      if (!response.ok) {
        throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
      }
      return body;
    });
  }

  function getJson(path, params) {
    return fetch(ROOT + '/' + path + queryString(params), {
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    }).then(readJson);
  }

  function post(action, params) {
    var headers = {
      'Accept': 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8'
    };
    headers[HEADER] = '1';
    return fetch(ROOT + '/' + action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: queryString(params).substring(1)
    }).then(readJson);
  }

  // ---- messages

  function say(text, isError) {
    var message = byId('storage-message');
    message.textContent = text;
    message.className = 'statline ui-corner-all ' + (isError ? 'storage-error ui-state-error' : 'storage-info ui-state-highlight');
    message.setAttribute('data-kind', isError ? 'error' : 'info');
  }

  function fail(error) {
    say(error && error.message ? error.message : String(error), true);
  }

  // ---- small DOM helpers

  function clear(table) {
    var body = table.tBodies[0];
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    return body;
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '\u2013' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function button(text, className, data) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className + ' ui-state-default ui-corner-all';
    b.textContent = text;
    Object.keys(data).forEach(function (name) {
      b.setAttribute('data-' + name, data[name]);
    });
    return b;
  }

  function fillSelect(select, names, selected) {
    while (select.firstChild) {
      select.removeChild(select.firstChild);
    }
    names.forEach(function (name) {
      var option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    select.value = selected;
  }

  function bytes(n) {
    if (n == null) {
      return null;
    }
    var units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    var value = n;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit === 0 ? n + ' bytes' : value.toFixed(1) + ' ' + units[unit];
  }

  // ---- engines and stores

  function refreshStores() {
    return getJson('stores.json').then(renderStores).catch(fail);
  }

  function renderStores(overview) {
    // Rebuilt only when something changed, so that rows (and their buttons) stay the same elements
    // between refreshes while nothing happens.
    var text = JSON.stringify(overview);
    if (text === state.overview) {
      return;
    }
    state.overview = text;
    var engines = clear(byId('storage-engines'));
    overview.engines.forEach(function (engine) {
      var row = document.createElement('tr');
      row.setAttribute('data-engine', engine.name);
      cell(row, engine.name);
      cell(row, engine.present ? 'yes' : 'no');
      cell(row, engine['default'] ? 'yes' : '');
      engines.appendChild(row);
    });

    var stores = clear(byId('storage-stores'));
    overview.stores.forEach(function (store) {
      var row = document.createElement('tr');
      row.setAttribute('data-store', store.name);
      cell(row, store.name);
      cell(row, store.status);
      cell(row, store.engine);
      cell(row, store.entries, 'storage-number');
      cell(row, bytes(store.diskBytes), 'storage-number').title = store.diskBytes == null ? '' : store.diskBytes + ' bytes';
      cell(row, store.versions, 'storage-number');
      var actions = cell(row, '');
      actions.appendChild(button('Delete', 'storage-delete', { store: store.name }));
      stores.appendChild(row);
    });

    var present = overview.engines.filter(function (e) { return e.present; }).map(function (e) { return e.name; });
    if (present.join('\n') !== state.engineNames) {
      state.engineNames = present.join('\n');
      var engineSelect = byId('storage-create-engine');
      var keep = engineSelect.value || overview.defaultEngine;
      fillSelect(engineSelect, present, present.indexOf(keep) >= 0 ? keep : present[0]);
    }

    var names = overview.stores.map(function (s) { return s.name; });
    if (names.join('\n') !== state.storeNames) {
      state.storeNames = names.join('\n');
      fillSelect(byId('storage-browse-store'), names, state.store);
    }
    if (names.indexOf(state.store) < 0) {
      selectStore(names.length ? names[0] : '');
    }
    if (byId('storage-message').getAttribute('data-kind') == null) {
      say(names.length + (names.length === 1 ? ' store, ' : ' stores, ') + present.length
          + (present.length === 1 ? ' engine present' : ' engines present'), false);
    }
  }

  function selectStore(name) {
    state.store = name;
    byId('storage-browse-store').value = name;
    byId('storage-versions-store').textContent = name || '\u2013';
    byId('storage-chart-store').textContent = name || '\u2013';
    state.query = null;
    state.next = null;
    clear(byId('storage-keys'));
    byId('storage-keys-count').textContent = '';
    byId('storage-keys-page').textContent = '';
    byId('storage-keys-next').disabled = true;
    resetCharts();
    refreshVersions();
  }

  function createStore(event) {
    event.preventDefault();
    var name = byId('storage-create-name').value.trim();
    var engine = byId('storage-create-engine').value;
    post('create', { name: name, engine: engine }).then(function (answer) {
      say(answer.message, false);
      byId('storage-create-name').value = '';
      return refreshStores().then(function () {
        selectStore(answer.store);
      });
    }).catch(fail);
  }

  function deleteStore(name) {
    if (!window.confirm('Delete store "' + name + '" and all its data? This cannot be undone.')) {
      return;
    }
    post('delete', { store: name }).then(function (answer) {
      say(answer.message, false);
      return refreshStores();
    }).catch(fail);
  }

  // ---- key browser

  function browse(event) {
    if (event) {
      event.preventDefault();
    }
    if (!state.store) {
      say('No store selected', true);
      return;
    }
    state.query = {
      store: state.store,
      prefix: byId('storage-browse-prefix').value,
      start: byId('storage-browse-start').value,
      end: byId('storage-browse-end').value,
      hex: byId('storage-browse-hex').checked ? 'true' : 'false',
      limit: byId('storage-browse-limit').value || '50'
    };
    state.page = 0;
    loadKeys('');
  }

  function loadKeys(after) {
    var query = state.query;
    var params = {};
    Object.keys(query).forEach(function (name) { params[name] = query[name]; });
    params.after = after;
    byId('storage-keys-next').disabled = true;
    getJson('keys.json', params).then(function (page) {
      if (query !== state.query) {
        return;
      }
      state.page++;
      renderKeys(page);
    }).catch(fail);
  }

  function renderKeys(page) {
    var body = clear(byId('storage-keys'));
    page.keys.forEach(function (entry) {
      var row = document.createElement('tr');
      row.className = 'storage-key';
      cell(row, entry.key, 'key');
      var value = cell(row, entry.value, 'value');
      if (entry.cut) {
        value.title = entry.valueBytes + ' bytes, shown cut';
      }
      body.appendChild(row);
    });
    state.next = page.more ? page.next : null;
    byId('storage-keys-next').disabled = !page.more;
    byId('storage-keys-count').textContent = page.count + ' keys shown';
    byId('storage-keys-page').textContent = state.page > 1 || page.more ? 'page ' + state.page : '';
  }

  // ---- versions

  function refreshVersions() {
    var store = state.store;
    var table = byId('storage-versions');
    if (!store) {
      clear(table);
      byId('storage-save-version').disabled = true;
      return;
    }
    getJson('versions.json', { store: store }).then(function (versions) {
      if (store !== state.store) {
        return;
      }
      var body = clear(table);
      versions.versions.forEach(function (v) {
        var row = document.createElement('tr');
        row.setAttribute('data-version', String(v.version));
        cell(row, v.version, 'storage-number');
        cell(row, v.current ? 'current' : '');
        cell(row, '').appendChild(button('Load', 'storage-load', { version: v.version }));
        body.appendChild(row);
      });
      byId('storage-save-version').disabled = !versions.versioned;
      byId('storage-versions-note').textContent = versions.versioned
          ? (versions.versions.length ? '' : 'no version saved yet')
          : 'the engine of this store keeps no versions';
    }).catch(fail);
  }

  function saveVersion() {
    var store = state.store;
    post('save', { store: store }).then(function (answer) {
      say(answer.message, false);
      refreshVersions();
      refreshStores();
    }).catch(fail);
  }

  function loadVersion(version) {
    var store = state.store;
    if (!window.confirm('Load version ' + version + ' into store "' + store + '"? Its current data is replaced.')) {
      return;
    }
    post('load', { store: store, version: version }).then(function (answer) {
      say(answer.message, false);
      refreshVersions();
      refreshStores();
    }).catch(fail);
  }

  // ---- charts

  function resetCharts() {
    state.last = null;
    Object.keys(state.rates).forEach(function (k) { state.rates[k] = []; });
    Object.keys(state.latency).forEach(function (k) { state.latency[k] = []; });
  }

  function push(series, value) {
    series.push(value);
    if (series.length > CHART_POINTS) {
      series.shift();
    }
  }

  function addReading(stats) {
    var last = state.last;
    if (last && stats.millis > last.millis) {
      var seconds = (stats.millis - last.millis) / 1000;
      ['reads', 'writes', 'commits'].forEach(function (group) {
        push(state.rates[group], Math.max(0, stats[group] - last[group]) / seconds);
      });
    }
    state.last = stats;
    push(state.latency.readP50, stats.latencies.reads.p50Nanos / 1000);
    push(state.latency.readP99, stats.latencies.reads.p99Nanos / 1000);
    push(state.latency.writeP50, stats.latencies.writes.p50Nanos / 1000);
    push(state.latency.writeP99, stats.latencies.writes.p99Nanos / 1000);
  }

  function niceCeiling(max) {
    if (!(max > 0)) {
      return 1;
    }
    var magnitude = Math.pow(10, Math.floor(Math.log(max) / Math.LN10));
    var scaled = max / magnitude;
    var step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
    return step * magnitude;
  }

  function label(value) {
    if (value >= 1000000) {
      return (value / 1000000).toFixed(1) + 'M';
    }
    if (value >= 1000) {
      return (value / 1000).toFixed(1) + 'k';
    }
    return value >= 10 || value === 0 ? String(Math.round(value)) : value.toFixed(1);
  }

  function drawChart(canvas, series, emptyText) {
    var ctx = canvas.getContext('2d');
    var width = canvas.width;
    var height = canvas.height;
    var left = 52;
    var right = 10;
    var top = 26;
    var bottom = 12;
    var plotWidth = width - left - right;
    var plotHeight = height - top - bottom;
    var max = 0;
    var points = 0;
    series.forEach(function (s) {
      points = Math.max(points, s.values.length);
      s.values.forEach(function (v) { max = Math.max(max, v); });
    });
    max = niceCeiling(max);

    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px sans-serif';
    ctx.lineWidth = 1;
    ctx.textBaseline = 'middle';
    for (var i = 0; i <= 4; i++) {
      var y = Math.round(top + plotHeight * i / 4) + 0.5;
      ctx.strokeStyle = '#e2e2e2';
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(width - right, y);
      ctx.stroke();
      ctx.fillStyle = '#555';
      ctx.textAlign = 'right';
      ctx.fillText(label(max * (4 - i) / 4), left - 6, y);
    }

    var legendX = left;
    series.forEach(function (s) {
      ctx.fillStyle = s.color;
      ctx.fillRect(legendX, 8, 10, 10);
      ctx.fillStyle = '#333';
      ctx.textAlign = 'left';
      ctx.fillText(s.label, legendX + 14, 13);
      legendX += 14 + ctx.measureText(s.label).width + 16;

      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      var offset = CHART_POINTS - s.values.length;
      s.values.forEach(function (v, j) {
        var x = left + plotWidth * (offset + j) / (CHART_POINTS - 1);
        var y = top + plotHeight * (1 - v / max);
        if (j === 0) {
          ctx.moveTo(x, y);
        } else {
          ctx.lineTo(x, y);
        }
      });
      ctx.stroke();
      ctx.lineWidth = 1;
    });

    if (points === 0) {
      ctx.fillStyle = '#777';
      ctx.textAlign = 'center';
      ctx.fillText(emptyText, left + plotWidth / 2, top + plotHeight / 2);
    }
    canvas.setAttribute('data-points', String(points));
    canvas.setAttribute('data-drawn', 'true');
  }

  function drawCharts() {
    drawChart(byId('storage-chart-rates'), [
      { label: 'reads/s', color: '#1f77b4', values: state.rates.reads },
      { label: 'writes/s', color: '#d62728', values: state.rates.writes },
      { label: 'commits/s', color: '#2ca02c', values: state.rates.commits }
    ], 'collecting\u2026 (a rate needs two readings)');
    drawChart(byId('storage-chart-latency'), [
      { label: 'read p50', color: '#6baed6', values: state.latency.readP50 },
      { label: 'read p99', color: '#08519c', values: state.latency.readP99 },
      { label: 'write p50', color: '#fc9272', values: state.latency.writeP50 },
      { label: 'write p99', color: '#a50f15', values: state.latency.writeP99 }
    ], 'no reading yet');
  }

  function pollStats() {
    var store = state.store;
    if (!store) {
      window.setTimeout(pollStats, STATS_EVERY_MS);
      return;
    }
    getJson('stats.json', { store: store }).then(function (stats) {
      if (store !== state.store) {
        return;
      }
      byId('storage-chart-status').textContent = stats.available ? '' : '(not open)';
      addReading(stats);
      drawCharts();
    }, function (error) {
      // Polling goes on; the error is shown beside the charts, not over the page's last message.
      byId('storage-chart-status').textContent = '(' + error.message + ')';
    }).then(function () {
      window.setTimeout(pollStats, STATS_EVERY_MS);
    });
  }

  // ---- wiring

  byId('storage-create').addEventListener('submit', createStore);
  byId('storage-browse').addEventListener('submit', browse);
  byId('storage-browse-store').addEventListener('change', function () {
    selectStore(byId('storage-browse-store').value);
  });
  byId('storage-keys-next').addEventListener('click', function () {
    if (state.query && state.next) {
      loadKeys(state.next);
    }
  });
  byId('storage-save-version').addEventListener('click', saveVersion);
  byId('storage-stores').addEventListener('click', function (event) {
    var target = event.target.closest ? event.target.closest('button.storage-delete') : null;
    if (target) {
      deleteStore(target.getAttribute('data-store'));
    }
  });
  byId('storage-versions').addEventListener('click', function (event) {
    var target = event.target.closest ? event.target.closest('button.storage-load') : null;
    if (target) {
      loadVersion(target.getAttribute('data-version'));
    }
  });

  byId('storage-message').removeAttribute('data-kind');
  refreshStores().then(function () {
    window.setInterval(refreshStores, STORES_EVERY_MS);
    pollStats();
  });
}());
