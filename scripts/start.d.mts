export declare function ensureBuild(distDir?: string): void;
export declare function migrateAndSeed(env?: Record<string, string>): void;
export declare function serve(port: string | number, env?: Record<string, string>): import("node:child_process").ChildProcess;
export declare function nextStartArgs(port: string | number): string[];
export declare function keepAliveTimeoutMs(): number;
