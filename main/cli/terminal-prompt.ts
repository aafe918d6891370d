/**
 * Ask a question on the terminal. Secrets are read with echo off (raw mode) and never printed.
 * Without a terminal there is nobody to ask: the caller gets null and must say what to set instead.
 */
export async function ask(question: string, opts: { secret?: boolean } = {}): Promise<string | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return null;
  process.stderr.write(question);
  return new Promise((resolve) => {
    let answer = '';
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(answer);
        if (ch === '\u0003') return finish(null); // Ctrl-C
        if (ch === '\u007f' || ch === '\b') {
          answer = answer.slice(0, -1);
          if (!opts.secret) process.stderr.write('\b \b');
          continue;
        }
        answer += ch;
        if (!opts.secret) process.stderr.write(ch);
      }
    };
    const finish = (value: string | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    stdin.on('data', onData);
  });
}
