import { processIo, runCli } from './index.js';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ipoe-doctor: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
