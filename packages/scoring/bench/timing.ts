/**
 * Timings on a shared machine: wall time is inflated whenever other processes take the core, so
 * every figure is also measured as this process's CPU time (`process.cpuUsage`), and both are
 * reported. Medians over many runs, after warm-up so the JIT has compiled the hot loops.
 */
export interface Timing {
  wall: number;
  cpu: number;
}

const cpuMsNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median milliseconds per call of `action` over `runs` runs. */
export async function timeMs(
  action: () => unknown,
  runs: number,
  warmup = Math.ceil(runs / 4),
): Promise<Timing> {
  for (let k = 0; k < warmup; k++) await action();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const cpuStart = cpuMsNow();
    const wallStart = performance.now();
    await action();
    wall.push(performance.now() - wallStart);
    cpu.push(cpuMsNow() - cpuStart);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Median microseconds per call of a fast synchronous action, timed in batches of `perBatch` calls. */
export function timeMicros(action: () => unknown, perBatch: number, batches = 21): Timing {
  for (let k = 0; k < perBatch; k++) action();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let b = 0; b < batches; b++) {
    const cpuStart = cpuMsNow();
    const wallStart = performance.now();
    for (let k = 0; k < perBatch; k++) action();
    wall.push(((performance.now() - wallStart) * 1000) / perBatch);
    cpu.push(((cpuMsNow() - cpuStart) * 1000) / perBatch);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
