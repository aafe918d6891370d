/**
 * CPU time this process spent, in milliseconds. "Finishes in linear time" budgets are checked against CPU time,
 * not the wall clock: on a loaded machine the wall clock counts the time other processes held the core, and a
 * bound that holds only on an idle machine rejects good code at random. Catastrophic backtracking still shows:
 * it burns CPU.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
