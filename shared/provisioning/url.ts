/** Just enough of a URL for HB46PP, without the DOM's or Node's URL (shared/ is pure): http(s) only. */
export interface HttpUrl {
  scheme: 'http' | 'https';
  /** host[:port], IPv6 literals in brackets, as written. */
  authority: string;
  host: string;
  path: string;
  /** Without the `?`; '' when none. */
  query: string;
}

const URL_RE = /^(https?):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[^?#\s]*)?(\?[^#\s]*)?(#\S*)?$/i;

export function parseHttpUrl(text: string): HttpUrl | null {
  const m = URL_RE.exec(text.trim());
  if (!m) return null;
  const host = m[2]!.toLowerCase();
  return { scheme: m[1]!.toLowerCase() as 'http' | 'https', authority: `${host}${m[3] ?? ''}`, host: host.replace(/^\[|\]$/g, ''), path: m[4] || '/', query: (m[5] ?? '').replace(/^\?/, '') };
}

export function formatHttpUrl(u: HttpUrl): string {
  return `${u.scheme}://${u.authority}${u.path}${u.query ? `?${u.query}` : ''}`;
}

/** `u` with `params` appended to its query (existing parameters of the same name are replaced). */
export function withParams(u: HttpUrl, params: ReadonlyArray<[string, string]>): HttpUrl {
  const names = new Set(params.map(([k]) => k));
  const kept = u.query ? u.query.split('&').filter((kv) => kv !== '' && !names.has(decodeURIComponent(kv.split('=')[0] ?? ''))) : [];
  return { ...u, query: [...kept, ...params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)].join('&') };
}

/** A redirect's Location against the URL that answered it (absolute, or a path on the same server). */
export function resolveLocation(base: HttpUrl, location: string): HttpUrl | null {
  const abs = parseHttpUrl(location);
  if (abs) return abs;
  if (location.startsWith('//')) return parseHttpUrl(`${base.scheme}:${location}`);
  if (location.startsWith('/')) return parseHttpUrl(`${base.scheme}://${base.authority}${location}`);
  const dir = base.path.replace(/[^/]*$/, '');
  return parseHttpUrl(`${base.scheme}://${base.authority}${dir}${location}`);
}
