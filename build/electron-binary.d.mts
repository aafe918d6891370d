export type InstalledElectron = { binary: string; problem?: undefined } | { binary?: undefined; problem: string; notDownloaded?: true };
export function installedElectron(root: string, env?: Record<string, string | undefined>, platform?: NodeJS.Platform): InstalledElectron;
