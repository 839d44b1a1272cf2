import { fstatSync, writeSync } from 'node:fs';

/**
 * A writer for standard output or error. To a terminal, through Node's
 * stream (which converts text for a Windows console); to a pipe or a file,
 * straight to the descriptor: creating `process.stdout` for a pipe loads
 * Node's stream modules, ~4 ms of a pre-commit run whose output is a pipe.
 */
export function stdWriter(fd: 1 | 2): (text: string) => void {
  if (isTerminal(fd)) return (text) => void (fd === 1 ? process.stdout : process.stderr).write(text);
  return (text) => writeAll(fd, Buffer.from(text, 'utf8'));
}

/** Whether standard output is a terminal, asked without creating `process.stdout`. */
export function stdoutIsTty(): boolean {
  return isTerminal(1);
}

/**
 * Whether a descriptor is a terminal: a character device. Asked of the file
 * system, not of node:tty, whose loading (with the net and stream modules)
 * costs ~5 ms. Other character devices (`/dev/null`) count too, which only
 * means colours, or Node's stream, for output nobody reads.
 */
function isTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.byteLength) {
    try {
      written += writeSync(fd, bytes, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A pipe its writer found non-blocking and full: wait for the reader.
      if (code === 'EAGAIN') continue;
      // The reader is gone (`droplint … | head`): nobody is left to read the rest.
      if (code === 'EPIPE') return;
      throw error;
    }
  }
}
