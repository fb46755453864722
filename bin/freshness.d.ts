export declare const serverBundle: string;
export declare const serverSources: string[];
export declare function newestSourceMtime(...paths: string[]): number;
export declare function bundleIsFresh(): boolean;
