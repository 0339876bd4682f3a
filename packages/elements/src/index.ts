export const ELEMENTS_VERSION = '0.1.0';
