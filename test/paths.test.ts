import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { packagePath, packageRoot } from '../src/paths.js';

describe('packageRoot', () => {
  it('finds the folder with package.json and spec/', () => {
    expect(existsSync(packagePath('package.json'))).toBe(true);
    expect(existsSync(packagePath('spec'))).toBe(true);
    expect(packageRoot.length).toBeGreaterThan(1);
  });
});
