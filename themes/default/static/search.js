/* minhbach: school search in the browser, from the index the build writes into search/
   (format: docs/search-index.md). Loaded with `defer` on every page; no framework, no build step.
   - every search box of the `search_form` macro (form[data-search="combobox"]) becomes an ARIA 1.2
     combobox with a listbox of results while typing; without this script the form submits to
     tim-kiem/;
   - the search page (form[data-search="page"]) reads ?q= and its filters from the URL, shows the
     results in [data-search-results] and keeps the URL in step (history.replaceState). */
(() => {
  'use strict';
  const me = document.currentScript;
  if (!me || !window.fetch || !window.URLSearchParams) return;
  const ROOT = new URL('.', me.src).href; // the site root: search.js lives there
  // Score of a match (exact 3, prefix 2, one typo 1) × the weight of its field: name, commune,
  // former district, province (every school of the site shares the province: it weighs least).
  const WEIGHT = [2, 1, 1, 0.5];
  const NOT_FOUND = 'Không tìm thấy trường nào phù hợp.';
  // name, column of a doc; `tinh` exists only on a portal of several provinces (docs carry it then)
  const FILTERS = [['cap-hoc', 2], ['tinh', 8], ['xa', 4], ['kiem-dinh', 5], ['chuan-quoc-gia', 6]];

  // ---- the index: fetched on demand, each file once -----------------------------------------
  const files = new Map();
  function load(path) {
    let p = files.get(path);
    if (!p) {
      p = fetch(ROOT + 'search/' + path).then((r) => {
        if (!r.ok) throw new Error(`search/${path}: HTTP ${r.status}`);
        return r.json();
      });
      p.catch(() => files.delete(path)); // a failed file is asked again next time
      files.set(path, p);
    }
    return p;
  }
  let metaP = null;
  function meta() {
    if (!metaP) {
      metaP = load('meta.json').then((m) => ({ ...m, keys: new Set(m.shards) }));
      metaP.catch(() => (metaP = null));
    }
    return metaP;
  }

  const fold = (s) =>
    s.normalize('NFC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
  const wordsOf = (s) => fold(s).match(/[a-z0-9]+/g) || [];

  /** Damerau distance exactly 1: a letter added, missing, replaced, or two neighbours swapped. */
  function oneTypo(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  }

  /** The shards that may hold a match of query word `w` (only those that exist). */
  function shardKeys(m, w) {
    const keys = new Set([w.slice(0, 2)]);
    // A typo in the first two letters points to other shards: swapped, a letter added first or second.
    if (w.length >= 4) keys.add(w[1] + w[0]).add(w[1] + w[2]).add(w[0] + w[2]);
    return [...keys].filter((k) => m.keys.has(k));
  }

  /** Map doc → best weighted score of query word `w` in that doc. */
  async function matchWord(m, w) {
    const shards = await Promise.all(shardKeys(m, w).map((k) => load(`t/${k}.json`)));
    const best = new Map();
    for (const shard of shards) {
      for (const t of Object.keys(shard)) {
        const s = t === w ? 3 : w.length > 1 && t.startsWith(w) ? 2 : w.length >= 4 && oneTypo(w, t) ? 1 : 0;
        if (!s) continue;
        let v = 0;
        for (const d of shard[t]) {
          v += d;
          const doc = Math.floor(v / 4);
          const score = s * WEIGHT[v % 4];
          if (!(best.get(doc) >= score)) best.set(doc, score);
        }
      }
    }
    return best;
  }

  /**
   * Raises the docs where query words stand next to each other, in order, in one field (the
   * index's `"w1 w2"` tokens: +10 a pair), and those whose commune, former district or province
   * is exactly the query (the `"=name"` tokens: +20), so that `dong da` lists the schools of
   * Phường Đống Đa before a "Kim Đồng" school in a commune "Đại …" (docs/search-index.md).
   */
  // Words that name the kind of a place, not the place (as `search::PLACE_KINDS` in the build).
  const PLACE_KINDS = [['thi', 'tran'], ['thanh', 'pho'], ['thi', 'xa'], ['dac', 'khu'], ['xa'], ['phuong'], ['tinh'], ['huyen'], ['quan'], ['tp'], ['tx']];
  const placeName = (words) => {
    const kind = PLACE_KINDS.find((k) => words.length > k.length && k.every((w, i) => words[i] === w));
    return words.slice(kind ? kind.length : 0).join(' ');
  };

  async function placeBonus(m, order, scores, typing) {
    /** Adds `bonus` once to every doc of `postings` (delta-encoded `doc * 4 + field`) that matched. */
    const raise = (postingLists, bonus) => {
      const docs = new Set();
      for (const postings of postingLists) {
        let v = 0;
        for (const d of postings) {
          v += d;
          docs.add(Math.floor(v / 4));
        }
      }
      for (const doc of docs) if (scores.has(doc)) scores.set(doc, scores.get(doc) + bonus);
    };
    const last = order.length - 1;
    for (let i = 0; i < last; i++) {
      const [a, b] = [order[i], order[i + 1]];
      if (a.length < 2 || !m.keys.has(a.slice(0, 2))) continue;
      const shard = await load(`t/${a.slice(0, 2)}.json`);
      const pair = `${a} ${b}`;
      // The last word may still be being typed: a pair whose second word starts with it counts.
      const open = typing && i + 1 === last;
      raise(Object.keys(shard).filter((t) => t === pair || (open && t.startsWith(pair))).map((t) => shard[t]), 10);
    }
    const place = `=${placeName(order)}`;
    const key = place.slice(0, 3);
    if (place.length > 2 && m.keys.has(key)) {
      const shard = await load(`t/${key}.json`);
      if (shard[place]) raise([shard[place]], 20);
    }
  }

  function makeFilter(values) {
    const tests = FILTERS.filter(([name]) => values[name]).map(([name, col]) => (row) => String(row[col]) === values[name]);
    return tests.length ? (row) => tests.every((f) => f(row)) : null;
  }

  /**
   * Runs a query: null when there is nothing to search for, else `{ rows, total, more }`: the first
   * `limit` docs (`[name, url, level, commune, communeSlug, accreditation, nationalStandard,
   * statusText, provinceSlug?]`), best first; `total` matches; `more` when a filter stopped counting early
   * (then there are more than `limit`). Every word must match. While typing (`typing`), a last
   * word of one letter that matches nothing yet is left for the next key press.
   */
  async function search(query, filter, limit, typing) {
    const words = [...new Set(wordsOf(query))];
    const m = await meta();
    const last = words.length - 1;
    // A word without any shard matches nothing: no need to fetch the others.
    if (words.some((w, i) => !shardKeys(m, w).length && !(typing && i === last && i > 0 && w.length === 1))) {
      return { rows: [], total: 0, more: false };
    }
    const maps = await Promise.all(words.map((w) => matchWord(m, w)));
    if (typing && last > 0 && words[last].length === 1 && !maps[last].size) {
      words.pop();
      maps.pop();
    }
    let ranked;
    if (!words.length) {
      if (!filter) return null;
      ranked = Array.from({ length: m.docs }, (_, i) => i); // filters alone: index order (shorter names first)
    } else {
      maps.sort((a, b) => a.size - b.size);
      const scores = new Map();
      for (const [doc, first] of maps[0]) {
        let sum = first;
        for (let i = 1; i < maps.length && sum; i++) sum = maps[i].has(doc) ? sum + maps[i].get(doc) : 0;
        if (sum) scores.set(doc, sum);
      }
      await placeBonus(m, wordsOf(query), scores, typing);
      ranked = [...scores.keys()].sort((a, b) => scores.get(b) - scores.get(a) || a - b);
    }
    const row = async (doc) => (await load(`d/${Math.floor(doc / m.chunk)}.json`))[doc % m.chunk];
    if (!filter) {
      return { rows: await Promise.all(ranked.slice(0, limit).map(row)), total: ranked.length, more: false };
    }
    // Filters need the docs: read them in rank order, a batch at a time, until more than `limit` pass.
    const rows = [];
    let i = 0;
    while (i < ranked.length && rows.length <= limit) {
      const batch = await Promise.all(ranked.slice(i, (i += 128)).map(row));
      rows.push(...batch.filter(filter));
    }
    const more = i < ranked.length;
    return { rows: rows.slice(0, limit), total: more ? limit : rows.length, more };
  }

  const countText = (res) =>
    res.more ? `Tìm thấy hơn ${res.total} trường` : `Tìm thấy ${res.total} trường`;

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  }

  // ---- the search box of every page: an ARIA 1.2 combobox ------------------------------------
  function combobox(form) {
    const input = form.querySelector('input[name="q"]');
    if (!input || !input.id) return;
    const LIMIT = 8;
    const list = el('div', { id: `${input.id}-ds`, role: 'listbox', 'aria-label': 'Kết quả tìm kiếm', class: 'search__list' });
    const empty = el('p', { class: 'search__empty', text: NOT_FOUND });
    const popup = el('div', { class: 'search__popup' }, list, empty);
    const live = el('p', { class: 'sr-only', role: 'status' });
    popup.hidden = true;
    empty.hidden = true;
    form.classList.add('search--combo');
    form.append(popup, live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    let options = [];
    let active = -1;
    let timer = 0;
    let seq = 0;

    const setActive = (i) => {
      active = i;
      options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
      if (i < 0) input.removeAttribute('aria-activedescendant');
      else {
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      }
    };
    const show = (on) => {
      popup.hidden = !on;
      input.setAttribute('aria-expanded', String(on && options.length > 0));
      if (!on) setActive(-1);
    };
    const render = (res, query) => {
      options = [];
      setActive(-1);
      if (!res) {
        list.replaceChildren();
        empty.hidden = true;
        live.textContent = '';
        show(false);
        return;
      }
      res.rows.forEach((r, i) => {
        options.push(
          el(
            'a',
            { id: `${input.id}-${i}`, role: 'option', href: ROOT + r[1], tabindex: '-1', class: 'search__option' },
            el('span', { class: 'search__name', text: r[0] }),
            el('span', { class: 'search__meta', text: r[7] }),
          ),
        );
      });
      if (res.total > res.rows.length) {
        const href = `${ROOT}tim-kiem/?${new URLSearchParams({ q: query.trim() })}`;
        const all = el('a', { id: `${input.id}-all`, role: 'option', href, tabindex: '-1', class: 'search__option search__all' });
        all.textContent = `Xem tất cả ${res.total} kết quả`;
        options.push(all);
      }
      list.replaceChildren(...options);
      list.hidden = !options.length;
      empty.hidden = options.length > 0;
      live.textContent = res.total ? `${countText(res)}. Dùng phím mũi tên để chọn.` : NOT_FOUND;
      show(document.activeElement === input);
    };
    const update = async () => {
      const query = input.value;
      const n = ++seq;
      if (wordsOf(query).join('').length < 2) return render(null);
      let res = null;
      try {
        res = await search(query, null, LIMIT, true);
      } catch {
        res = null; // no index (opened from the file system, offline): the form still submits
      }
      if (n === seq) render(res, query);
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    });
    input.addEventListener('focus', () => {
      meta().catch(() => {});
      if (input.value && (options.length || !empty.hidden)) show(true);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!options.length) return;
        e.preventDefault();
        const wasOpen = !popup.hidden;
        if (!wasOpen) show(true);
        if (e.altKey) return;
        const n = options.length;
        setActive(e.key === 'ArrowDown' ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
      } else if (e.key === 'Enter') {
        if (!popup.hidden && active >= 0) {
          e.preventDefault();
          // "Xem tất cả" searches what the box holds now, even if the list still shows the
          // results of a shorter query typed a moment ago.
          const all = options[active].id === `${input.id}-all`;
          location.assign(all ? `${ROOT}tim-kiem/?${new URLSearchParams({ q: input.value.trim() })}` : options[active].href);
        }
      } else if (e.key === 'Escape') {
        if (!popup.hidden) {
          e.preventDefault(); // closes the popup; the text stays
          show(false);
        }
      }
    });
    // A click on an option must not move the focus out first (that would close the popup).
    popup.addEventListener('mousedown', (e) => e.preventDefault());
    form.addEventListener('focusout', (e) => {
      if (!form.contains(e.relatedTarget)) show(false);
    });
  }

  // ---- the search page, /tim-kiem/ -----------------------------------------------------------
  function searchPage(form) {
    const input = form.querySelector('input[name="q"]');
    const results = document.querySelector('[data-search-results]');
    const status = document.querySelector('[data-search-status]');
    if (!input || !results || !status) return;
    const PAGE = 20;
    const selects = [...form.querySelectorAll('select')];
    for (const e of document.querySelectorAll('[data-search-nojs]')) e.hidden = true;
    for (const e of form.querySelectorAll('[data-search-filters]')) {
      e.hidden = false;
      e.disabled = false;
    }
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    const pick = (s) => {
      const v = params.get(s.name);
      if (v && [...s.options].some((o) => o.value === v)) s.value = v;
    };
    selects.forEach(pick);
    // On a phone the filters fold away (the results come first) unless the URL sets one; a wide
    // screen has room for them above the results, open (the width of style.css's phone layouts).
    const fold = form.querySelector('details[data-search-filter-toggle]');
    if (fold) {
      fold.hidden = false;
      if (selects.some((s) => params.get(s.name)) || matchMedia('(min-width: 48rem)').matches) fold.open = true;
    }
    let limit = PAGE;
    let seq = 0;
    let timer = 0;
    let lastRows = [];

    // A portal of several provinces: the `xa` select holds the communes of the province chosen
    // in `tinh`, loaded from search/xa/<province>.json when it is chosen (not carried by the page).
    const province = form.querySelector('select[name="tinh"]');
    const communes = form.querySelector('select[data-search-communes]');
    let communesSeq = 0;
    const fillCommunes = async () => {
      const n = ++communesSeq;
      const placeholder = (text) => [el('option', { value: '', text })];
      communes.replaceChildren(...placeholder('Chọn tỉnh, thành phố trước'));
      communes.disabled = true;
      if (!province.value) return;
      let list;
      try {
        list = await load(`xa/${province.value}.json`);
      } catch {
        if (n === communesSeq) communes.replaceChildren(...placeholder('Không tải được danh sách xã/phường'));
        return;
      }
      if (n !== communesSeq) return;
      communes.replaceChildren(
        ...placeholder('Mọi xã/phường'),
        ...list.map(([name, slug]) => el('option', { value: slug, text: name })),
      );
      communes.disabled = false;
    };
    // Before the listeners below: a new province empties the commune filter before the search runs.
    if (province && communes) province.addEventListener('change', fillCommunes);

    const run = async (typing, focusFrom = -1) => {
      clearTimeout(timer);
      const n = ++seq;
      const values = {};
      const url = new URLSearchParams();
      if (input.value.trim()) url.set('q', input.value.trim());
      for (const s of selects) {
        values[s.name] = s.value;
        if (s.value) url.set(s.name, s.value);
      }
      const qs = url.toString();
      history.replaceState(history.state, '', location.pathname + (qs ? `?${qs}` : ''));
      results.dataset.searchState = 'loading';
      let res;
      try {
        res = await search(input.value, makeFilter(values), limit, typing);
      } catch {
        if (n !== seq) return;
        status.textContent = 'Không tải được dữ liệu tìm kiếm. Hãy thử lại sau.';
        results.replaceChildren();
        results.dataset.searchState = 'done';
        return;
      }
      if (n !== seq) return;
      lastRows = res ? res.rows : [];
      if (!res) {
        status.textContent = '';
        results.replaceChildren();
      } else if (!res.total) {
        status.textContent = NOT_FOUND;
        results.replaceChildren();
      } else {
        const shown = res.rows.length < res.total || res.more ? `; hiển thị ${res.rows.length} trường đầu tiên` : '';
        status.textContent = `${countText(res)}${shown}.`;
        const items = res.rows.map((r) =>
          el('li', {}, el('a', { href: ROOT + r[1], text: r[0] }), el('span', { class: 'search-results__meta', text: r[7] })),
        );
        const out = [el('ol', { class: 'search-results' }, ...items)];
        if (res.more || res.rows.length < res.total) {
          const more = el('button', { type: 'button', class: 'search-more', text: `Hiện thêm ${PAGE} trường` });
          more.addEventListener('click', () => {
            const from = res.rows.length;
            limit += PAGE;
            run(false, from);
          });
          out.push(more);
        }
        results.replaceChildren(...out);
        if (focusFrom >= 0) results.querySelectorAll('a')[focusFrom]?.focus();
      }
      results.dataset.searchState = 'done';
    };

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      limit = PAGE;
      run(false);
    });
    input.addEventListener('input', () => {
      clearTimeout(timer);
      limit = PAGE;
      timer = setTimeout(() => run(true), 120);
    });
    for (const s of selects) {
      s.addEventListener('change', () => {
        limit = PAGE;
        run(false);
      });
    }
    const wantedCommune = params.get('xa');
    if (province && communes && province.value) {
      // The commune of the URL can be chosen once its province's list is there.
      fillCommunes().then(() => {
        pick(communes);
        run(false);
      });
    } else if (province && communes && wantedCommune) {
      // `xa=` without `tinh=` (site.md's contract needs no province): commune slugs are unique
      // across provinces, so the filter applies at once; its province is chosen, and the
      // commune's name shown, as soon as a result tells which province it is.
      communes.replaceChildren(el('option', { value: '' , text: 'Mọi xã/phường' }), el('option', { value: wantedCommune, text: wantedCommune }));
      communes.value = wantedCommune;
      communes.disabled = false;
      run(false).then(() => {
        const first = results.querySelector('a');
        const row = first && lastRows.find((r) => ROOT + r[1] === first.getAttribute('href'));
        if (!row || !row[8] || province.value) return;
        province.value = row[8];
        fillCommunes().then(() => pick(communes));
      });
    } else run(false);
  }

  for (const form of document.querySelectorAll('form[data-search="combobox"]')) combobox(form);
  for (const form of document.querySelectorAll('form[data-search="page"]')) searchPage(form);
})();
