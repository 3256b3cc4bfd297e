// Just enough HTML reading for the link crawl: the attributes of start tags (quoted or not, as
// minified HTML writes them), skipping comments and the text of <script>, <style>, <textarea>.

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Every start tag: `{ name, attrs: Map<lower-case name, decoded value>, offset }`. */
export function tags(html) {
  const out = [];
  TAG.lastIndex = 0;
  let m;
  while ((m = TAG.exec(html))) {
    if (!m[1]) continue; // a comment or CDATA
    const name = m[1].toLowerCase();
    const attrs = new Map();
    ATTR.lastIndex = 0;
    let a;
    while ((a = ATTR.exec(m[2] ?? ''))) {
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      attrs.set(a[1].toLowerCase(), decodeEntities(value));
    }
    out.push({ name, attrs, offset: m.index });
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, TAG.lastIndex);
      if (end >= 0) TAG.lastIndex = end;
    }
  }
  return out;
}

/** The URL-valued attributes a reader or a browser follows or loads. */
export const LINK_ATTRS = ['href', 'xlink:href', 'src', 'action', 'poster', 'data'];

/** `[{ attr, tag, value }]` of every URL-valued attribute, plus each URL of `srcset`. */
export function links(html) {
  const out = [];
  for (const t of tags(html)) {
    for (const attr of LINK_ATTRS) {
      if (t.attrs.has(attr)) out.push({ tag: t.name, attr, value: t.attrs.get(attr).trim() });
    }
    if (t.attrs.has('srcset')) {
      for (const part of t.attrs.get('srcset').split(',')) {
        const value = part.trim().split(/\s+/)[0];
        if (value) out.push({ tag: t.name, attr: 'srcset', value });
      }
    }
  }
  return out;
}

/** Every `id` (and `name` of <a>) on the page: the targets of `#fragment` links. */
export function anchors(html) {
  const ids = new Set();
  for (const t of tags(html)) {
    if (t.attrs.has('id')) ids.add(t.attrs.get('id'));
    if (t.name === 'a' && t.attrs.has('name')) ids.add(t.attrs.get('name'));
  }
  return ids;
}

/** `url(…)` and `@import "…"` of a style sheet. */
export function cssLinks(css) {
  const out = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of noComments.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) {
    out.push({ tag: 'css', attr: 'url()', value: m[1] ?? m[2] ?? m[3] });
  }
  for (const m of noComments.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) {
    out.push({ tag: 'css', attr: '@import', value: m[1] ?? m[2] });
  }
  return out;
}

/** `<loc>` values of a sitemap. */
export function sitemapLocs(xml) {
  return [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) => decodeEntities(m[1]));
}
