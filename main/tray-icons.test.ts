// The tray asks for build/tray/<icon>.png by name (tray.ts); the files are drawn by build/make-icons.mjs.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_ICONS } from './tray-state.js';

const buildDir = new URL('../build/', import.meta.url);

/** Width, height and colour type from a PNG's IHDR chunk, after checking the signature. */
function pngHeader(file: URL): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] ?? -1 };
}

/** Which pixels of a 16x16 RGBA icon are mostly opaque: its shape, whatever its colours (rows use filter 0). */
function shapeOf(file: URL): string {
  const bytes = readFileSync(file);
  const chunks: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(chunks));
  let mask = '';
  for (let y = 0; y < 16; y++)
    for (let x = 0; x < 16; x++) mask += (rows[y * (1 + 16 * 4) + 1 + x * 4 + 3] ?? 0) >= 128 ? '#' : '.';
  return mask;
}

describe('tray and app icons', () => {
  it.each(TRAY_ICONS)('has %s at 16x16 and 32x32 (@2x), with transparency', (icon) => {
    expect(pngHeader(new URL(`tray/${icon}.png`, buildDir))).toEqual({ width: 16, height: 16, colourType: 6 });
    expect(pngHeader(new URL(`tray/${icon}@2x.png`, buildDir))).toEqual({ width: 32, height: 32, colourType: 6 });
  });

  it('draws each tray icon differently', () => {
    const files = TRAY_ICONS.map((icon) => readFileSync(new URL(`tray/${icon}.png`, buildDir)).toString('base64'));
    expect(new Set(files).size).toBe(TRAY_ICONS.length);
  });

  it('gives every tray icon, the alert bell included, a shape of its own: never colour alone', () => {
    const shapes = TRAY_ICONS.map((icon) => shapeOf(new URL(`tray/${icon}.png`, buildDir)));
    expect(new Set(shapes).size).toBe(TRAY_ICONS.length);
    expect(TRAY_ICONS).toContain('alert');
  });

  it('has a 512x512 app icon, as electron-builder needs for every platform', () => {
    expect(pngHeader(new URL('icon.png', buildDir))).toEqual({ width: 512, height: 512, colourType: 6 });
  });
});
