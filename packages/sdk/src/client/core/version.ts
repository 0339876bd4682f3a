/** The SDK's version, sent in the `User-Agent` of server-side calls. */
export const SDK_VERSION = '0.1.0';
