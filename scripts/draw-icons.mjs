// Draws the add-in's ribbon and store icons (16, 32, 64, 80 px) into assets/ as real PNGs.
// The picture: a rounded brand-blue tile holding a white cycle arrow (quote -> cash -> quote)
// around a coin. Shapes are described in unit coordinates and supersampled so the small sizes
// stay crisp without a drawing library. Run: npm run icons
import { PNG } from 'pngjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80];
const SUPERSAMPLE = 4;
const BRAND = [15, 108, 189]; // Fluent brand blue #0F6CBD
const WHITE = [255, 255, 255];

const here = dirname(fileURLToPath(import.meta.url));
const assetsDir = join(here, '..', 'assets');

function insideRoundedSquare(x, y) {
  const radius = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

// The ring leaves a gap at the top right where the arrow head sits.
function onCycleArrow(x, y) {
  const cx = x - 0.5;
  const cy = y - 0.5;
  const r = Math.hypot(cx, cy);
  const angle = Math.atan2(-cy, cx); // 0 = right, counter-clockwise positive
  const inGap = angle > 0.15 && angle < 1.2;
  if (r >= 0.26 && r <= 0.36 && !inGap) return true;
  // arrow head: a triangle pointing clockwise at the gap's lower edge
  const ax = 0.5 + 0.31 * Math.cos(0.15);
  const ay = 0.5 - 0.31 * Math.sin(0.15);
  return insideTriangle(x, y, [ax - 0.12, ay - 0.02], [ax + 0.12, ay - 0.02], [ax, ay + 0.13]);
}

function insideTriangle(x, y, a, b, c) {
  const sign = (p, q, r) => (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1]);
  const p = [x, y];
  const d1 = sign(p, a, b);
  const d2 = sign(p, b, c);
  const d3 = sign(p, c, a);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

function onCoin(x, y) {
  return Math.hypot(x - 0.5, y - 0.5) <= 0.15;
}

function draw(size) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          if (!insideRoundedSquare(x, y)) continue;
          tile++;
          if (onCycleArrow(x, y) || onCoin(x, y)) mark++;
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const markShare = tile === 0 ? 0 : mark / tile;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        png.data[i + c] = Math.round(BRAND[c] * (1 - markShare) + WHITE[c] * markShare);
      }
      png.data[i + 3] = Math.round((255 * tile) / samples);
    }
  }
  return PNG.sync.write(png);
}

mkdirSync(assetsDir, { recursive: true });
for (const size of SIZES) {
  const file = join(assetsDir, `icon-${size}.png`);
  writeFileSync(file, draw(size));
  console.log(`wrote ${file}`);
}
