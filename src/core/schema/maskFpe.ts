/**
 * Keyed permutations of digit strings (format-preserving: n digits in, n digits out, and two
 * different inputs never give the same output). Masked ID numbers and mobiles stay distinct where
 * the originals were, without a table of every value seen: the mapping itself is one-to-one.
 *
 * A Feistel network in the FF1 layout (two halves of ⌊n/2⌋ and ⌈n/2⌉ digits, ten rounds, each
 * round adds a keyed function of the other half modulo 10^m). The round keys come from one
 * HMAC-SHA256 of the masking key and a tweak (the kind and what is kept, e.g. the region code);
 * the round function is a 32-bit mix, fast enough for millions of values. Runs of more than 18
 * digits use BigInt arithmetic with the same rounds.
 *
 * Pure: node:crypto only.
 */
import crypto from 'node:crypto';

const ROUNDS = 10;
const roundKeyCache = new Map<string, Uint32Array>();

function roundKeys(key: string, tweak: string): Uint32Array {
  const id = `${key}\u0000${tweak}`;
  let k = roundKeyCache.get(id);
  if (!k) {
    const bytes = Buffer.concat([
      crypto.createHmac('sha256', key).update(`fpe\u0000${tweak}\u00001`).digest(),
      crypto.createHmac('sha256', key).update(`fpe\u0000${tweak}\u00002`).digest(),
    ]);
    k = new Uint32Array(ROUNDS * 2);
    for (let i = 0; i < ROUNDS * 2; i++) k[i] = bytes.readUInt32LE((i * 4) % 60) ^ (i * 0x9e3779b9);
    // a bounded cache: tweaks are few (regions × years, carrier prefixes), but never unbounded
    if (roundKeyCache.size > 50_000) roundKeyCache.clear();
    roundKeyCache.set(id, k);
  }
  return k;
}

function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A keyed value in [0, 10^m) of a half below 2^32 (m ≤ 9); `salt` tweaks it per value group. */
function roundF(k: Uint32Array, r: number, half: number, m: number, salt: number): number {
  const a = mix32(half ^ k[2 * r]! ^ salt);
  const b = mix32((a + k[2 * r + 1]!) ^ Math.imul(half, 0x27d4eb2d) ^ Math.imul(salt, 0x165667b1));
  return ((a % 2097152) * 4294967296 + b) % POW10[m]!;
}

const POW10 = Array.from({ length: 19 }, (_, i) => 10 ** i);

/** Ten Feistel rounds over halves of u and v digits (u ≤ v ≤ 9): the permuted halves. */
function feistel(a: number, b: number, u: number, v: number, k: Uint32Array, salt: number): [number, number] {
  let la = u;
  let lb = v;
  for (let r = 0; r < ROUNDS; r++) {
    const m = la; // the new half has the length of A
    const c = (a + roundF(k, r, b, m, salt)) % POW10[m]!;
    a = b;
    la = lb;
    b = c;
    lb = m;
  }
  return [a, b];
}

/** A 32-bit salt of a string (which group of values a permutation is for: a region and day, a carrier prefix). */
export function salt32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

/** Permute a string of digits (any length ≥ 1) under key and tweak (and a salt for the value's group). */
export function fpeDigits(digits: string, key: string, tweak: string, salt = 0): string {
  const n = digits.length;
  if (n < 2)
    return digits.length === 1
      ? String((Number(digits) + (((roundKeys(key, tweak)[0]! ^ salt) >>> 0) % 9) + 1) % 10)
      : digits;
  if (n > 18) return fpeBig(digits, key, `${tweak}\u0000${salt}`);
  const k = roundKeys(key, `${tweak}\u0000${n}`);
  const u = Math.floor(n / 2);
  const v = n - u;
  const [a, b] = feistel(Number(digits.slice(0, u)), Number(digits.slice(u)), u, v, k, salt);
  return String(a).padStart(u, '0') + String(b).padStart(v, '0');
}

function fpeBig(digits: string, key: string, tweak: string): string {
  const n = digits.length;
  const u = Math.floor(n / 2);
  let a = BigInt(digits.slice(0, u));
  let b = BigInt(digits.slice(u));
  let la = u;
  let lb = n - u;
  for (let r = 0; r < ROUNDS; r++) {
    const m = la;
    const y = BigInt(
      '0x' +
        crypto.createHmac('sha256', key).update(`fpe-big\u0000${tweak}\u0000${n}\u0000${r}\u0000${b}`).digest('hex'),
    );
    const c = (a + y) % 10n ** BigInt(m);
    a = b;
    la = lb;
    b = c;
    lb = m;
  }
  return a.toString().padStart(la, '0') + b.toString().padStart(lb, '0');
}

/**
 * A keyed permutation of [0, size) for small sizes (≤ 10^18), by cycle walking: permute the
 * number's digits until the result falls inside the range again. One-to-one on [0, size).
 */
export function permuteBelow(x: number, size: number, key: string, tweak: string, salt = 0): number {
  const w = Math.max(2, String(Math.max(1, size - 1)).length);
  const u = Math.floor(w / 2);
  const v = w - u;
  const k = roundKeys(key, `${tweak}\u0000${w}`);
  let y = x;
  for (let i = 0; i < 100_000; i++) {
    const [a, b] = feistel(Math.floor(y / POW10[v]!), y % POW10[v]!, u, v, k, salt);
    y = a * POW10[v]! + b;
    if (y < size) return y;
  }
  return x; // unreachable: the permutation's cycle through x comes back inside the range
}

/** A fast 53-bit hash of a string (cyrb53), for the in-memory sets of original values. */
export function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
