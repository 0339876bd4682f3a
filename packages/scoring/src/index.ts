export const SCORING_VERSION = '0.1.0';
