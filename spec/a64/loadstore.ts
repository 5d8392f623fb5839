import type { Row } from './types.js';

export const loadstore: readonly Row[] = [];
