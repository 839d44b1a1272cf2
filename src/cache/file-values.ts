import path from 'node:path';
import { decodeSource, readSource } from '../parsers/read-source.js';
import type { DiskCache } from './disk-cache.js';

/**
 * Values computed from one file's text (what a model file defines, what an
 * env.py's `target_metadata` names), through the persistent cache when there
 * is one: keyed by what is computed and the file's content hash, so that an
 * unchanged file is neither read nor parsed again. An editor's unsaved buffer
 * is read instead of its file and never cached.
 */
export class FileValues {
  constructor(
    private readonly disk: DiskCache | null,
    private readonly buffers?: ReadonlyMap<string, string>,
  ) {}

  /**
   * `compute(text)` for the file, or null when it cannot be read. `what`
   * names the computation and everything besides the text that it depends on
   * (the path the file is shown as).
   */
  async of<T>(what: string, absPath: string, compute: (text: string) => Promise<T>): Promise<T | null> {
    const buffer = this.buffers?.get(path.resolve(absPath));
    if (buffer !== undefined) return compute(buffer);
    if (this.disk === null) {
      const read = readSource(absPath);
      return read.problem === null ? compute(read.text) : null;
    }
    let content = this.disk.content(absPath);
    if (content === null) return null;
    const cached = this.disk.get(`${what}\0${content.hash}`) as { value: T } | undefined;
    if (cached !== undefined) return cached.value;
    // Computed from the bytes that were hashed: read now if the stamp spared reading them.
    if (content.bytes === null) content = this.disk.content(absPath, true);
    if (content?.bytes == null) return null;
    const read = decodeSource(content.bytes);
    if (read.problem !== null) return null;
    const value = await compute(read.text);
    this.disk.set(`${what}\0${content.hash}`, { value });
    return value;
  }
}
