import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describePlace, RendererSourceMaps } from './ui-source-map.js';

const dir = mkdtempSync(join(tmpdir(), 'ui-source-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Line 2 of the script: column 0 from renderer/a.ts line 3 column 0 named "foo", column 4 from line 3 column 4.
writeFileSync(join(dir, 'index-x.js'), 'x;\nfoo(bar)');
writeFileSync(
  join(dir, 'index-x.js.map'),
  JSON.stringify({
    version: 3,
    sources: ['../../renderer/a.ts', '../../../work/main/node_modules/lib/b.js'],
    names: ['foo'],
    mappings: ';AAEAA,IAAI,CCAA',
  }),
);

describe('RendererSourceMaps', () => {
  const maps = new RendererSourceMaps(dir);

  it('maps a line and column of a built script to its source, with the name the map gives', () => {
    expect(maps.place('http://127.0.0.1:1/assets/index-x.js', 1, 0)).toEqual({
      source: 'renderer/a.ts',
      line: 3,
      name: 'foo',
    });
    expect(describePlace(maps.place('http://127.0.0.1:1/assets/index-x.js', 1, 4))).toBe('renderer/a.ts:3');
  });

  it('maps a character offset (as long animation frames give it) through the line starts', () => {
    expect(maps.placeOfOffset('http://127.0.0.1:1/assets/index-x.js', 3)?.name).toBe('foo');
  });

  it('names a dependency from node_modules on, wherever the build found it', () => {
    expect(maps.place('http://127.0.0.1:1/assets/index-x.js', 1, 6)?.source).toBe('node_modules/lib/b.js');
  });

  it('leaves places it cannot map unnamed', () => {
    expect(maps.place('http://127.0.0.1:1/assets/index-x.js', 0, 0)).toBeNull();
    expect(maps.place('http://127.0.0.1:1/assets/other.js', 0, 0)).toBeNull();
    expect(maps.placeOfOffset('', 3)).toBeNull();
  });
});
