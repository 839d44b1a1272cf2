/**
 * The lanes of `hashBytes` (content-hash.ts) over whole 16-byte blocks, in
 * WebAssembly: a run hashes the cache's index (hundreds of kilobytes) once,
 * before V8's JIT has warmed up to the JavaScript loop (~5 ms for Dispatch's
 * 278 KB index on Node 24), where this module compiles in a fraction of a
 * millisecond and runs at machine speed from the first block. The module is
 * assembled here, byte by byte, from the instructions below: nothing to build
 * or ship beside the code.
 *
 * Memory layout: the four lanes at bytes 0–15 (read as the starting values,
 * written back as the result), the blocks from byte 16.
 */

const P1 = 0x9e3779b1 | 0;
const P2 = 0x85ebca77 | 0;

const I32 = 0x7f;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i32Store: 0x36,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  i32Rotl: 0x77,
  void: 0x40,
} as const;

/** Locals: the parameter (the number of blocks), then the lanes, the cursor and the end. */
const N = 0;
const LANES = [1, 2, 3, 4] as const;
const P = 5;
const END = 6;

export interface LanesModule {
  /** Runs the lanes from `start` over `blocks` 16-byte blocks of `bytes`; returns the four lanes. */
  run(bytes: Uint8Array, blocks: number, start: Int32Array): Int32Array;
}

/** 1 MiB of blocks per call. */
const CHUNK_BLOCKS = 65536;

let instance: LanesModule | null | undefined;

/** The compiled module, made on first use; null where WebAssembly is not available (`--jitless`). */
export function lanesModule(): LanesModule | null {
  if (instance !== undefined) return instance;
  try {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(assemble())).exports as { memory: WebAssembly.Memory; blocks: (n: number) => void };
    instance = {
      run(bytes, blocks, start) {
        // A chunk at a time, the lanes carried over: the memory stays small whatever the input (a long-lived
        // language server keeps it).
        const chunk = Math.min(blocks, CHUNK_BLOCKS);
        const have = exports.memory.buffer.byteLength;
        if (16 + chunk * 16 > have) exports.memory.grow(Math.ceil((16 + chunk * 16 - have) / 65536));
        const lanes = new Int32Array(exports.memory.buffer, 0, 4);
        lanes.set(start);
        const blocksIn = new Uint8Array(exports.memory.buffer, 16, chunk * 16);
        for (let done = 0; done < blocks; done += chunk) {
          const n = Math.min(chunk, blocks - done);
          blocksIn.set(bytes.subarray(done * 16, (done + n) * 16));
          exports.blocks(n);
        }
        return Int32Array.from(lanes);
      },
    };
  } catch {
    instance = null;
  }
  return instance;
}

function assemble(): Uint8Array<ArrayBuffer> {
  const step = (lane: number, offset: number): number[] => [
    // lane = rotl(lane + word * P2, 13) * P1, the word at the cursor plus `offset`
    ...[op.localGet, lane],
    ...[op.localGet, P, op.i32Load, 2, offset],
    ...[op.i32Const, ...sleb(P2), op.i32Mul, op.i32Add],
    ...[op.i32Const, 13, op.i32Rotl],
    ...[op.i32Const, ...sleb(P1), op.i32Mul],
    ...[op.localSet, lane],
  ];
  const body = [
    ...[1, 6, I32], // six i32 locals beside the parameter
    ...LANES.flatMap((lane, i) => [op.i32Const, 0, op.i32Load, 2, i * 4, op.localSet, lane]),
    ...[op.i32Const, 16, op.localSet, P],
    ...[op.i32Const, 16, op.localGet, N, op.i32Const, 4, op.i32Shl, op.i32Add, op.localSet, END],
    ...[op.block, op.void, op.loop, op.void],
    ...[op.localGet, P, op.localGet, END, op.i32GeU, op.brIf, 1],
    ...LANES.flatMap((lane, i) => step(lane, i * 4)),
    ...[op.localGet, P, op.i32Const, 16, op.i32Add, op.localSet, P],
    ...[op.br, 0, op.end, op.end],
    ...LANES.flatMap((lane, i) => [op.i32Const, 0, op.localGet, lane, op.i32Store, 2, i * 4]),
    op.end,
  ];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, I32, 0]), // one type: (i32) -> ()
    ...section(3, [1, 0]), // one function, of that type
    ...section(5, [1, 0, 1]), // one memory, at least one page
    ...section(7, [2, ...name('memory'), 2, 0, ...name('blocks'), 0, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  return [text.length, ...Buffer.from(text, 'ascii')];
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
