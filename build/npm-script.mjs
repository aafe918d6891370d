// Runs `npm run -s SCRIPT` from a build script, on every platform.
import { spawnSync } from 'node:child_process';

/**
 * How to start npm. Under `npm start` / `npm run …` npm names its own entry script (npm_execpath), which
 * Node runs directly on every platform. Started by hand on Windows, npm is npm.cmd, which Node ≥ 20.12
 * only starts through a shell.
 */
export function npmInvocation(platform, env, execPath) {
  if (env.npm_execpath && /\.c?js$/.test(env.npm_execpath)) return { command: execPath, args: [env.npm_execpath], shell: false };
  return platform === 'win32' ? { command: 'npm.cmd', args: [], shell: true } : { command: 'npm', args: [], shell: false };
}

export function runNpmScript(root, script) {
  const npm = npmInvocation(process.platform, process.env, process.execPath);
  return spawnSync(npm.command, [...npm.args, 'run', '-s', script], { cwd: root, stdio: 'inherit', shell: npm.shell });
}
