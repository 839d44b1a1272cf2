import { lanesModule } from './hash-lanes-wasm.js';

/**
 * A 128-bit hash of bytes, to recognise a file's content: four xxHash32-style
 * lanes over the 32-bit words, each finished with the length and an
 * avalanche. Not for secrets: node:crypto would do, but loading it (with the
 * stream modules it pulls in) costs a warm one-file run ~5 ms on Node 20,
 * more than this takes to hash the cache's index. Each step of a lane is a
 * bijection of both its state and its word, so content that differs in any
 * one word always hashes differently; other collisions are as unlikely as 128
 * random bits make them.
 */
const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const SEEDS = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344] as const;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Below this, the JavaScript loop hashes faster than the bytes are copied into WebAssembly's memory. */
export const WASM_MIN_BYTES = 16 * 1024;

export function hashBytes(bytes: Uint8Array): string {
  const lanes = Int32Array.from(SEEDS);
  const words = bytes.byteLength >>> 2;
  let i = 0;
  // Most of a run's hashing is the cache's index, read before the JIT has warmed up: in WebAssembly (see
  // hash-lanes-wasm.ts) when it is large; else four words a step, read as an Int32Array where the bytes are aligned
  // and the machine little-endian, the rotation written out.
  const wasm = bytes.byteLength >= WASM_MIN_BYTES ? lanesModule() : null;
  if (wasm !== null) {
    const blocks = words >>> 2;
    lanes.set(wasm.run(bytes, blocks, lanes));
    i = blocks * 4;
  } else if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    const word = new Int32Array(bytes.buffer, bytes.byteOffset, words);
    let a = lanes[0]!;
    let b = lanes[1]!;
    let c = lanes[2]!;
    let d = lanes[3]!;
    for (; i + 4 <= words; i += 4) {
      let t = (a + Math.imul(word[i]!, P2)) | 0;
      a = Math.imul((t << 13) | (t >>> 19), P1);
      t = (b + Math.imul(word[i + 1]!, P2)) | 0;
      b = Math.imul((t << 13) | (t >>> 19), P1);
      t = (c + Math.imul(word[i + 2]!, P2)) | 0;
      c = Math.imul((t << 13) | (t >>> 19), P1);
      t = (d + Math.imul(word[i + 3]!, P2)) | 0;
      d = Math.imul((t << 13) | (t >>> 19), P1);
    }
    lanes.set([a, b, c, d]);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (; i < words; i++) {
    const lane = i & 3;
    lanes[lane] = Math.imul(rotl((lanes[lane]! + Math.imul(view.getUint32(i * 4, true), P2)) | 0, 13), P1);
  }
  // The last 0–3 bytes, one at a time, into the lanes that come next.
  for (let i = words * 4; i < bytes.byteLength; i++) {
    const lane = i & 3;
    lanes[lane] = Math.imul(rotl((lanes[lane]! + Math.imul(bytes[i]! + 1, P3)) | 0, 11), P1);
  }
  let out = '';
  for (let lane = 0; lane < 4; lane++) {
    let h = (lanes[lane]! ^ bytes.byteLength ^ Math.imul(lane + 1, P3)) | 0;
    h = Math.imul(h ^ (h >>> 15), P2);
    h = Math.imul(h ^ (h >>> 13), P3);
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

export function hashText(text: string): string {
  return hashBytes(Buffer.from(text, 'utf8'));
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}
