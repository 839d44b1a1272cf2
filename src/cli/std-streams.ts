import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * A writer for standard output or error. To a terminal, through Node's
 * stream (which converts text for a Windows console); to a pipe or a file,
 * straight to the descriptor: creating `process.stdout` for a pipe loads
 * Node's stream modules, ~4 ms of a pre-commit run whose output is a pipe.
 */
export function stdWriter(fd: 1 | 2): (text: string) => void {
  if (isatty(fd)) return (text) => void (fd === 1 ? process.stdout : process.stderr).write(text);
  return (text) => writeAll(fd, Buffer.from(text, 'utf8'));
}

/** Whether standard output is a terminal, asked without creating `process.stdout`. */
export function stdoutIsTty(): boolean {
  return isatty(1);
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
