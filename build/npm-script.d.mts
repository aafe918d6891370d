export interface NpmInvocation {
  command: string;
  args: string[];
  shell: boolean;
}
export function npmInvocation(platform: NodeJS.Platform, env: Record<string, string | undefined>, execPath: string): NpmInvocation;
export function runNpmScript(root: string, script: string): import('node:child_process').SpawnSyncReturns<Buffer>;
