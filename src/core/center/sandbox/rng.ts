/**
 * A small seeded pseudo-random generator (mulberry32) and a string hash (FNV-1a, 32 bit). The
 * sandbox uses them for fault draws and generated data, so that a seed reproduces a run exactly;
 * Math.random is never used.
 */

/** FNV-1a over the UTF-16 code units of `s`, as an unsigned 32-bit integer. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Rng = () => number;

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator derived from a seed and a label, so that independent streams do not disturb each other. */
export function rngFor(seed: number, label: string): Rng {
  return mulberry32((hash32(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

/** A deterministic integer in [0, n) from a key (no state). */
export function pick(key: string, n: number): number {
  return hash32(key) % n;
}

/** `width` decimal digits derived from a key (leading zeros kept). */
export function digitsFrom(key: string, width: number): string {
  let out = '';
  let i = 0;
  while (out.length < width) out += String(hash32(`${key}#${i++}`)).padStart(10, '0');
  return out.slice(0, width);
}
