// Draws the app icon and the tray icons as PNG files, with no image library: a tiny rasteriser (shapes as
// point tests, 4x4 supersampling for smooth edges) and a PNG encoder on node:zlib. Deterministic: the same
// script gives the same pixels. Run `node build/make-icons.mjs` after changing it, and commit the PNGs.
//
// Severity is never told by colour alone: each tray icon has its own shape and number.
//   none: grey ring (nothing active)   sev3: amber circle "3"   sev2: orange rounded square "2"   sev1: red octagon "1"
//   alert: a red bell with a dark outline, while I am paged and have not acknowledged (a shape of its own)
// Sizes: 16x16 and 32x32 (`@2x`, picked by Electron on HiDPI screens); app icon 512x512.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// PNG encoding (RGBA, 8 bits per channel, no interlace)
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** @param {{ width: number, height: number, rgba: Uint8Array }} image */
export function encodePng({ width, height, rgba }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    rows[y * (1 + width * 4)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (1 + width * 4) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Drawing: layers of (point test, colour), composited with "over"; coverage by 4x4 supersampling
// ---------------------------------------------------------------------------------------------

const SAMPLES = 4;

function hex(colour) {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** @param {number} size @param {{ inside: (x: number, y: number) => boolean, colour: string }[]} layers */
function render(size, layers) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++)
          for (let sx = 0; sx < SAMPLES; sx++)
            if (layer.inside(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
        if (hits === 0) continue;
        const alpha = hits / (SAMPLES * SAMPLES);
        const [lr, lg, lb] = hex(layer.colour);
        const outA = alpha + a * (1 - alpha);
        r = (lr * alpha + r * a * (1 - alpha)) / outA;
        g = (lg * alpha + g * a * (1 - alpha)) / outA;
        b = (lb * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      rgba[i] = Math.round(r);
      rgba[i + 1] = Math.round(g);
      rgba[i + 2] = Math.round(b);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return { width: size, height: size, rgba };
}

// Shapes, centred in a square of side `size`, shrunk by `inset` pixels (to draw a border as two layers).
const circle = (size, inset) => (x, y) => Math.hypot(x - size / 2, y - size / 2) <= size / 2 - 0.5 - inset;

const ring =
  (size, thickness, outer = size / 2 - 1) =>
  (x, y) => {
    const d = Math.hypot(x - size / 2, y - size / 2);
    return d <= outer && d >= outer - thickness;
  };

/** A polyline of round-capped strokes through `points` (fractions of `size`), `width` pixels wide. */
const strokes = (size, points, width) => (x, y) =>
  points.slice(1).some(([bx, by], i) => {
    const [ax, ay] = points[i];
    const [x1, y1, x2, y2] = [ax * size, ay * size, bx * size, by * size];
    const t = Math.min(
      Math.max(((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2), 0),
      1,
    );
    return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1))) <= width / 2;
  });

const roundedSquare = (size, inset) => (x, y) => {
  const half = size / 2 - 1 - inset;
  const radius = Math.max(size * 0.22 - inset, 0);
  const dx = Math.max(Math.abs(x - size / 2) - (half - radius), 0);
  const dy = Math.max(Math.abs(y - size / 2) - (half - radius), 0);
  return Math.abs(x - size / 2) <= half && Math.abs(y - size / 2) <= half && Math.hypot(dx, dy) <= radius;
};

/** A regular octagon (a stop sign) with apothem size/2 - 0.5 - inset. */
const octagon = (size, inset) => (x, y) => {
  const apothem = size / 2 - 0.5 - inset;
  const dx = Math.abs(x - size / 2);
  const dy = Math.abs(y - size / 2);
  return dx <= apothem && dy <= apothem && dx + dy <= apothem * Math.SQRT2;
};

/**
 * A bell: a knob, a dome rounded at the top, flaring sides, a rim wider than the body and a clapper below it, in
 * fractions of `size`, grown by `outline` pixels (the outline is a larger layer drawn under the fill).
 */
const bell = (size, outline) => (x, y) => {
  const u = x / size - 0.5;
  const v = y / size;
  const o = outline / size;
  const shoulder = 0.4;
  const rimTop = 0.7;
  const rimBottom = 0.78;
  const knob = Math.hypot(u, v - 0.12) <= 0.06 + o;
  const dome = v <= shoulder && Math.hypot(u, v - shoulder) <= 0.22 + o;
  const flare = 0.22 + ((v - shoulder) / (rimTop - shoulder)) * 0.08;
  const body = v >= shoulder && v <= rimTop && Math.abs(u) <= flare + o;
  const rim = v >= rimTop - o && v <= rimBottom + o && Math.abs(u) <= 0.42 + o;
  const clapper = Math.hypot(u, v - 0.86) <= 0.08 + o;
  return knob || dome || body || rim || clapper;
};

// 3x5 digits, drawn on whole pixels so they stay crisp at 16 px.
const GLYPHS = {
  1: ['.#.', '##.', '.#.', '.#.', '###'],
  2: ['###', '..#', '###', '#..', '###'],
  3: ['###', '..#', '.##', '..#', '###'],
};

/** A glyph centred in the square, `cell` pixels per dot, nudged by `dy`. */
const glyph = (size, name, cell, dy = 0) => {
  const rows = GLYPHS[name];
  const width = rows[0].length * cell;
  const height = rows.length * cell;
  const left = Math.round((size - width) / 2);
  const top = Math.round((size - height) / 2 + dy);
  return (x, y) => {
    const col = Math.floor((x - left) / cell);
    const row = Math.floor((y - top) / cell);
    return rows[row]?.[col] === '#';
  };
};

const COLOURS = {
  none: { fill: '#8b929e' },
  sev3: { fill: '#f5b800', border: '#8a6400', text: '#1b1b1b' },
  sev2: { fill: '#f07000', border: '#8a3c00', text: '#1b1b1b' },
  sev1: { fill: '#dc2626', border: '#7a0e0e', text: '#ffffff' },
  alert: { fill: '#ef4444', border: '#5c0a0a' },
};

function trayIcon(name, size) {
  const border = size / 16; // 1 px at 16, 2 px at 32
  const cell = size / 8; // a 3x5 digit is 6x10 px at 16
  const c = COLOURS[name];
  switch (name) {
    case 'none':
      return render(size, [{ inside: ring(size, size / 8), colour: c.fill }]);
    case 'sev3':
      return render(size, [
        { inside: circle(size, 0), colour: c.border },
        { inside: circle(size, border), colour: c.fill },
        { inside: glyph(size, '3', cell), colour: c.text },
      ]);
    case 'sev2':
      return render(size, [
        { inside: roundedSquare(size, 0), colour: c.border },
        { inside: roundedSquare(size, border), colour: c.fill },
        { inside: glyph(size, '2', cell), colour: c.text },
      ]);
    case 'sev1':
      return render(size, [
        { inside: octagon(size, 0), colour: c.border },
        { inside: octagon(size, border), colour: c.fill },
        { inside: glyph(size, '1', cell), colour: c.text },
      ]);
    case 'alert':
      return render(size, [
        { inside: bell(size, border), colour: c.border },
        { inside: bell(size, 0), colour: c.fill },
      ]);
    default:
      throw new Error(`unknown tray icon ${name}`);
  }
}

/** A dark tile, a red alert ring, a white "W". */
function appIcon(size) {
  const W = [
    [0.3, 0.36],
    [0.39, 0.64],
    [0.5, 0.44],
    [0.61, 0.64],
    [0.7, 0.36],
  ];
  return render(size, [
    { inside: roundedSquare(size, size * 0.04), colour: '#1c2230' },
    { inside: ring(size, size * 0.055, size * 0.37), colour: '#dc2626' },
    { inside: strokes(size, W, size * 0.065), colour: '#ffffff' },
  ]);
}

function write(file, image) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodePng(image));
  console.log(`${file.slice(OUT.length + 1)}  ${image.width}x${image.height}`);
}

// Writes the files only when run as a script (importing it, e.g. for encodePng, writes nothing).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const name of ['none', 'sev3', 'sev2', 'sev1', 'alert']) {
    write(join(OUT, 'tray', `${name}.png`), trayIcon(name, 16));
    write(join(OUT, 'tray', `${name}@2x.png`), trayIcon(name, 32));
  }
  write(join(OUT, 'icon.png'), appIcon(512));
}
