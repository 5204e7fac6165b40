/** Types of cli-bundle.mjs (plain JavaScript, so bin/ runs before anything is built). */
export declare const ROOT: string;
export declare const CACHE: string;
export declare function fingerprint(): string;
export declare function freshBundle(print?: string): string | undefined;
export declare function buildBundle(print?: string): Promise<string>;
