/** The typed API client; filled in by the SDK issue. */
export const SDK_VERSION = '0.1.0';
