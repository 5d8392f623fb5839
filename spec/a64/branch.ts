import type { Row } from './types.js';

export const branch: readonly Row[] = [];
