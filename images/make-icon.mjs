// Writes icon.png (128x128 RGBA): a CPU chip with a check mark. Run: node images/make-icon.mjs
// A hand-rolled PNG encoder (zlib + CRC32) so no image tool is needed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const SIZE = 128;
const px = new Uint8Array(SIZE * SIZE * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
  px.set([r, g, b, a], (y * SIZE + x) * 4);
};
const rect = (x0, y0, x1, y1, c, radius = 0) => {
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const dx = Math.max(x0 + radius - x - 0.5, 0, x + 0.5 - (x1 - radius));
      const dy = Math.max(y0 + radius - y - 0.5, 0, y + 0.5 - (y1 - radius));
      if (dx * dx + dy * dy <= radius * radius) set(x, y, c);
    }
};
const BG = [0x1f, 0x3b, 0x5c], PIN = [0xb8, 0xc7, 0xd9], CHIP = [0xe9, 0xef, 0xf6], CHECK = [0x2e, 0xa0, 0x43];

rect(0, 0, SIZE, SIZE, BG, 20);
for (let i = 0; i < 5; i++) {
  const p = 34 + i * 13;
  rect(p, 18, p + 6, 30, PIN); rect(p, 98, p + 6, 110, PIN); // top, bottom
  rect(18, p, 30, p + 6, PIN); rect(98, p, 110, p + 6, PIN); // left, right
}
rect(28, 28, 100, 100, CHIP, 8);
// Check mark: two thick strokes.
const stroke = (xa, ya, xb, yb, w) => {
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const t = Math.max(0, Math.min(1, ((x - xa) * (xb - xa) + (y - ya) * (yb - ya)) / ((xb - xa) ** 2 + (yb - ya) ** 2)));
      if (Math.hypot(x - (xa + t * (xb - xa)), y - (ya + t * (yb - ya))) <= w) set(x, y, CHECK);
    }
};
stroke(44, 66, 58, 80, 6);
stroke(58, 80, 86, 48, 6);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0); ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
