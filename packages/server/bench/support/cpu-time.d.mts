// Types of cpu-time.mjs, which stays JavaScript for the load generator's worker thread.
export declare const statCpuMs: (stat: string) => number;
export declare function threadCpuMs(): number | undefined;
