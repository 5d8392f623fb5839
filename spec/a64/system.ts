import type { Row } from './types.js';

export const system: readonly Row[] = [];
