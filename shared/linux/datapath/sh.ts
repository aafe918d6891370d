/** POSIX sh quoting for values that go into generated scripts. */

/** Single-quote a value for sh: nothing inside is expanded. */
export function shq(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Interface names become part of commands and nft strings: accept only what the kernel accepts, minus quotes. */
export function isInterfaceName(name: string): boolean {
  return /^[A-Za-z0-9_.:@-]{1,15}$/.test(name) && name !== '.' && name !== '..';
}

/** A heredoc terminator that does not occur as a line of `body`. */
export function heredocTag(body: string, base = 'IPOE_EOF'): string {
  const lines = new Set(body.split('\n'));
  let tag = base;
  for (let i = 1; lines.has(tag); i++) tag = `${base}_${i}`;
  return tag;
}
