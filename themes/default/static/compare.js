/* minhbach: comparing schools side by side, from the files the build writes into so-sanh/d/
   (one small JSON file per school, src/search/compare.rs). Loaded with `defer` on the comparison
   page and on school pages only; no framework, no build step.
   - the comparison page ([data-compare-page]) reads ?t=<slug>,<slug>… (up to the limit; else the
     choice kept in the browser), builds the table marked data-compare and keeps the URL and the
     choice in step;
   - a school page ([data-compare-school]) gets a button that adds the school to the choice (or
     takes it out) and shows the choice with a link to the comparison.
   The choice is a list of slugs in localStorage under KEY. */
(() => {
  'use strict';
  const me = document.currentScript;
  if (!me || !window.fetch || !window.URLSearchParams) return;
  const ROOT = new URL('.', me.src).href; // the site root: compare.js lives there
  const KEY = 'minhbach-so-sanh';
  const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
  const page = document.querySelector('[data-compare-page]');
  const MAX = Number((page && page.dataset.compareMax) || 4);

  // ---- the choice --------------------------------------------------------------------------
  const unique = (list) => list.filter((s, i) => list.indexOf(s) === i);
  const parse = (text) =>
    unique(
      String(text || '')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    );
  function stored() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(v) ? unique(v.filter((s) => typeof s === 'string' && SLUG.test(s))).slice(0, MAX) : [];
    } catch (e) {
      return []; // storage refused (private mode, file://) or spoiled: start afresh
    }
  }
  function store(list) {
    try {
      localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
    } catch (e) {
      /* the URL still carries the choice */
    }
  }
  const compareUrl = (list) => ROOT + 'so-sanh/?t=' + list.join(',');

  // ---- the files ---------------------------------------------------------------------------
  const files = new Map();
  function school(slug) {
    let p = files.get(slug);
    if (!p) {
      p = fetch(ROOT + 'so-sanh/d/' + slug + '.json').then((r) => (r.ok ? r.json() : null));
      p.catch(() => files.delete(slug));
      files.set(slug, p);
    }
    return p;
  }

  const h = (tag, attrs, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    for (const c of children) if (c != null) el.append(c);
    return el;
  };
  const link = (url, text) => h('a', { href: ROOT + url }, text);
  const status = (st) => h('span', { class: 'status status--' + st.state }, st.text);

  // ---- the comparison page -----------------------------------------------------------------
  function table(schools, remove) {
    const national = schools.some((s) => s.province);
    const row = (label, cell) =>
      h('tr', null, h('th', { scope: 'row' }, label), ...schools.map((s) => h('td', null, ...[].concat(cell(s)))));
    const head = h('tr', null, h('td', { class: 'compare__corner' }));
    for (const s of schools) {
      const button = h('button', { type: 'button', class: 'compare__remove' }, 'Bỏ khỏi so sánh');
      button.append(h('span', { class: 'sr-only' }, ' ' + s.name));
      button.addEventListener('click', () => remove(s.slug));
      head.append(h('th', { scope: 'col' }, link(s.url, s.name), h('br'), button));
    }
    const none = (s) => h('span', { class: 'muted' }, s.report ? 'Không có trong khung của báo cáo' : 'Chưa có báo cáo');
    const numbers = unique([].concat(...schools.map((s) => (s.report ? s.report.standards.map((t) => t.n) : []))));
    numbers.sort((a, b) => a - b);
    const rows = [
      row('Cấp học', (s) => s.level),
      row(national ? 'Xã/phường, tỉnh' : 'Xã/phường', (s) => [
        link(s.commune_url, s.commune),
        s.province ? ', ' + s.province : null,
      ]),
      row('Kiểm định chất lượng giáo dục', (s) => status(s.accreditation)),
      row('Chuẩn quốc gia', (s) => status(s.national_standard)),
      row('Báo cáo tự đánh giá mới nhất', (s) =>
        s.report
          ? [link(s.report.url, 'Năm học ' + s.report.year), h('br'), s.report.level_text]
          : h('span', { class: 'muted' }, 'Chưa có báo cáo được phê duyệt'),
      ),
      ...numbers.map((n) =>
        row('Tiêu chuẩn ' + n, (s) => {
          const t = s.report && s.report.standards.find((x) => x.n === n);
          if (!t) return none(s);
          return [t.text, h('br'), h('span', { class: 'muted' }, t.title)];
        }),
      ),
      row('Số minh chứng', (s) =>
        !s.report ? none(s) : s.report.evidence == null ? 'Không có danh mục minh chứng' : s.report.evidence + ' minh chứng',
      ),
      row('Xem thêm', (s) => [
        link(s.url, 'Trang của trường'),
        s.report ? h('br') : null,
        s.report ? link(s.report.url, 'Báo cáo ' + s.report.year) : null,
      ]),
    ];
    const caption = h('caption', { id: 'bang-so-sanh' }, `So sánh ${schools.length} trường, mỗi trường một cột`);
    const t = h('table', { class: 'compare', 'data-compare': '' }, caption, h('thead', null, head), h('tbody', null, ...rows));
    return h('div', { class: 'table-wrap compare-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'bang-so-sanh' }, t);
  }

  async function showPage() {
    const out = page.querySelector('[data-compare-out]');
    const say = page.querySelector('[data-compare-status]');
    const params = new URLSearchParams(location.search);
    const notes = [];
    let list;
    if (params.has('t')) {
      list = parse(params.get('t'));
      if (list.length > MAX) {
        notes.push(`Chỉ so sánh được ${MAX} trường cùng lúc; bỏ qua: ${list.slice(MAX).join(', ')}.`);
        list = list.slice(0, MAX);
      }
    } else {
      list = stored();
    }
    const bad = list.filter((s) => !SLUG.test(s));
    list = list.filter((s) => SLUG.test(s));
    const found = await Promise.all(list.map((s) => school(s).catch(() => null)));
    const unknown = bad.concat(list.filter((s, i) => !found[i]));
    if (unknown.length) {
      notes.push(
        'Không tìm thấy trường có mã ' + unknown.map((s) => `“${s}”`).join(', ') + ' (kiểm tra lại địa chỉ trang).',
      );
    }
    let schools = found.filter(Boolean);
    const render = () => {
      const slugs = schools.map((s) => s.slug);
      store(slugs);
      history.replaceState(null, '', slugs.length ? '?t=' + slugs.join(',') : location.pathname);
      out.textContent = '';
      const lines = notes.slice();
      if (!schools.length) lines.push('Chưa chọn trường nào để so sánh: xem cách so sánh bên dưới.');
      else if (schools.length === 1) lines.push('Mới chọn một trường: thêm trường khác từ trang của trường đó.');
      say.textContent = lines.join(' ');
      if (schools.length) out.append(table(schools, remove));
    };
    const remove = (slug) => {
      schools = schools.filter((s) => s.slug !== slug);
      notes.length = 0;
      render();
      const wrap = out.querySelector('.compare-wrap');
      if (wrap) wrap.focus(); // the button that was pressed is gone
    };
    render();
  }

  // ---- a school page -----------------------------------------------------------------------
  function showSchool(box) {
    const slug = box.dataset.compareSchool;
    const actions = box.querySelector('[data-compare-actions]');
    const button = box.querySelector('[data-compare-add]');
    const shown = box.querySelector('[data-compare-selection]');
    if (!SLUG.test(slug) || !actions || !button || !shown) return;
    actions.hidden = false;
    let note = '';
    async function update() {
      const list = stored();
      const has = list.includes(slug);
      button.textContent = has ? 'Bỏ trường này khỏi so sánh' : 'Thêm vào so sánh';
      button.setAttribute('aria-pressed', String(has));
      const names = await Promise.all(list.map((s) => school(s).then((d) => (d ? d.name : s), () => s)));
      shown.textContent = '';
      if (note) shown.append(note + ' ');
      if (!list.length) {
        shown.append('Chưa chọn trường nào để so sánh.');
        return;
      }
      shown.append(`Đang chọn ${list.length}/${MAX} trường: ${names.join('; ')}. `);
      shown.append(h('a', { href: compareUrl(list) }, 'Xem bảng so sánh'));
    }
    button.addEventListener('click', () => {
      let list = stored();
      note = '';
      if (list.includes(slug)) list = list.filter((s) => s !== slug);
      else if (list.length >= MAX) note = `Đã chọn đủ ${MAX} trường: bỏ bớt một trường trong bảng so sánh trước.`;
      else list = list.concat(slug);
      store(list);
      update();
    });
    window.addEventListener('storage', (e) => e.key === KEY && update());
    update();
  }

  const start = () => {
    if (page) showPage();
    const box = document.querySelector('[data-compare-school]');
    if (box) showSchool(box);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
