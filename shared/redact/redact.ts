/**
 * Removes secrets from anything that leaves the app: reports, logs, screenshots' text, evidence.
 * Two layers: (1) every secret the app itself was given (router passwords, update-server credentials)
 * is masked wherever it appears; (2) known secret-bearing syntax is masked even when the app never saw
 * the value (a pasted config's `login password`, `pp auth`, the update URL in embedded Lua).
 */
export const MASK = '********';

interface LinePattern {
  /** Why this is a secret, for the redaction summary. */
  what: string;
  re: RegExp;
}

// Each pattern's last capture group is the secret; everything before it stays readable.
const LINE_PATTERNS: readonly LinePattern[] = [
  { what: 'login password', re: /^(\s*login password(?: encrypted)?\s+)(\S.*)$/ },
  { what: 'administrator password', re: /^(\s*administrator password(?: encrypted)?\s+)(\S.*)$/ },
  { what: 'login user password', re: /^(\s*login user\s+\S+(?: encrypted)?\s+)(\S+)/ },
  { what: 'PPP authentication', re: /^(\s*pp auth (?:myname|username)\s+\S+\s+)(\S+)/ },
  { what: 'IPsec pre-shared key', re: /^(\s*ipsec ike pre-shared-key\s+\d+\s+(?:text|hex)\s+)(\S+)/ },
  { what: 'L2TP tunnel secret', re: /^(\s*l2tp tunnel auth on\s+)(\S+)/ },
  { what: 'SNMP community', re: /^(\s*snmpv?\d*c? (?:community|host)\b.*\s)(\S+)$/ },
  { what: 'DDNS credentials', re: /^(\s*(?:netvolante-dns|ddns) \S*(?: \S+)*? (?:user|password|auth)\s+)(\S+)/ },
  // Lua / shell assignments in embedded scripts: USERNAME = "…", PASSWORD = "…", pass='…'.
  { what: 'script credential', re: /^(\s*(?:local\s+)?[A-Za-z_]*(?:USER(?:NAME|_?ID)?|PASS(?:WORD|WD)?|SECRET|TOKEN|API_?KEY)[A-Za-z_]*\s*=\s*["'])([^"']*)/i },
];

// Credentials inside URLs: ?user=…&pass=…, username=/password=, and http://user:pass@host.
// A backslash ends the value too: in JSON text it escapes the closing quote, which must stay.
const URL_QUERY = /([?&](?:user|username|userid|id|pass|password|passwd|pw|key|token)=)([^&\s"'<>\\]+)/gi;
/** A placeholder where a value goes (`%s` in a format, `{password}` in a template), not a value. */
const PLACEHOLDER = /^(?:%s|\{\w+\})$/;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@"']+):([^/\s@"']+)@/gi;

export interface RedactionResult {
  text: string;
  /** How many values were masked, by kind (for the report's "secrets removed" note). */
  counts: Record<string, number>;
}

export class Redactor {
  private readonly known: string[];

  /** `knownSecrets`: values the app was given; short ones (< 4 chars) are masked only by syntax, to avoid masking common words. */
  constructor(knownSecrets: readonly (string | undefined | null)[] = []) {
    this.known = [...new Set(knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): RedactionResult {
    const counts: Record<string, number> = {};
    const bump = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
    let out = text;
    for (const secret of this.known) {
      if (!out.includes(secret)) continue;
      out = out.split(secret).join(MASK);
      bump('known secret');
    }
    out = out
      .split('\n')
      .map((line) => {
        let l = line;
        for (const p of LINE_PATTERNS) {
          l = l.replace(p.re, (_m, keep: string, secret: string) => {
            if (secret === MASK || secret === '') return `${keep}${secret}`;
            bump(p.what);
            return `${keep}${MASK}`;
          });
        }
        l = l.replace(URL_QUERY, (_m, keep: string, secret: string) => {
          if (secret === MASK || PLACEHOLDER.test(secret)) return `${keep}${secret}`;
          bump('URL credential');
          return `${keep}${MASK}`;
        });
        l = l.replace(URL_USERINFO, (_m, scheme: string) => {
          bump('URL credential');
          return `${scheme}${MASK}:${MASK}@`;
        });
        return l;
      })
      .join('\n');
    return { text: out, counts };
  }

  /** Redact every string inside a JSON-like value (findings, evidence), keeping its shape. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value).text as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    }
    return value;
  }
}
