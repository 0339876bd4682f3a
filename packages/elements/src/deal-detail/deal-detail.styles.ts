import { detailStyles } from '../base/detail-styles.js';
import { baseStyles } from '../base/tokens.js';

export const styles = [baseStyles, detailStyles];
