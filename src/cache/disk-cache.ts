import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { buildId } from './build-id.js';
import { hashBytes } from './content-hash.js';

/** Entries and file stamps unused for this many days are dropped. */
const UNUSED_DAYS = 30;
/** The index is capped: past this, the entries used longest ago go first. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
/** Another build's index, and another project's folder, unused this long are deleted. */
const OTHER_BUILD_DAYS = 7;
/**
 * A file modified this close to when it was hashed may change again within the
 * file system's timestamp resolution without its size or mtime changing: its
 * stamp is not trusted, and it is hashed again on the next run.
 */
const RACY_MS = 2000;
const FORMAT = 2;
const DAY_MS = 86_400_000;
/**
 * The journal is folded into its index (written whole) before it grows past a
 * quarter of the index, or this, whichever is more: a run reads both.
 */
const MIN_JOURNAL_BYTES = 64 * 1024;

/** What was last seen of a file: if its size and times are unchanged, its content hash is still `hash`. */
interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly hash: string;
  /** When it was hashed. */
  readonly at: number;
  day: number;
}

interface Entry {
  readonly value: unknown;
  day: number;
}

interface Index {
  readonly format: number;
  readonly build: string;
  readonly stamps: Map<string, Stamp>;
  readonly entries: Map<string, Entry>;
}

export interface FileContent {
  readonly hash: string;
  readonly size: number;
  /** The bytes, when the file had to be read to hash it. */
  readonly bytes: Uint8Array | null;
}

/**
 * Kinds of entry kept in a file of their own, read only when one of them is
 * asked for: a run whose other entries are still valid never needs them (a
 * project's model facts are megabytes, and a warm run uses the env.py trace
 * made from them instead); nor does a run whose rules ask nothing about the
 * models need that trace (hundreds of kilobytes: the files it read).
 */
const SEPARATE_KINDS: ReadonlySet<string> = new Set(['facts', 'env']);

/**
 * droplint's persistent cache for one project: what each file yields (keyed
 * by its content hash), and the last-seen size and times of each file (so that
 * an unchanged file is not read again). One index file per build of
 * droplint's code (and one more per kind of entry kept apart), read whole when
 * first needed and written whole at the end of a run: one read is faster than
 * a file per entry (a history is always read whole), and a rename is atomic,
 * so that concurrent runs (pre-commit starts several) each write a whole index
 * and never a mix. A run that loses the race loses only entries, which the
 * next run adds again.
 *
 * The cache only ever saves time: an index that cannot be read (corrupt,
 * truncated, another format or build) is ignored, one that cannot be written
 * is not, and nothing is ever reported about it.
 */
export class DiskCache {
  private readonly today = Math.floor(Date.now() / DAY_MS);
  /** Counted since the cache was opened: for tests and measurements. */
  readonly stats = { hits: 0, misses: 0, filesRead: 0 };
  /** The entries kept apart, by kind, once read. */
  private readonly separate = new Map<string, IndexFile>();

  private constructor(
    private readonly folder: string,
    /** The stamps and every entry not kept apart. */
    private readonly main: IndexFile,
  ) {}

  /** This project's cache in `folder`, created if missing; null when the folder cannot be created (caching is then off). */
  static open(folder: string): DiskCache | null {
    try {
      mkdirSync(folder, { recursive: true });
    } catch {
      return null;
    }
    return new DiskCache(folder, IndexFile.load(path.join(folder, `index-${buildId()}.json`)));
  }

  /**
   * The file's content hash: from its stamp when its size and times are
   * unchanged since it was hashed, else by reading it (then the bytes come
   * back too; with `read`, always by reading it). Null when it cannot be read.
   * `kind`: the kind of entry made from the file, when that kind is kept apart
   * (SEPARATE_KINDS): the stamp is kept with those entries, and read only with
   * them.
   */
  content(absPath: string, read = false, kind?: string): FileContent | null {
    let stats: Stats | undefined;
    try {
      stats = statSync(absPath, { throwIfNoEntry: false });
    } catch {
      return null;
    }
    if (stats === undefined || !stats.isFile()) return null;
    const file = kind === undefined ? this.main : this.fileOf(`${kind}\0`);
    const stamp = file.index.stamps.get(absPath);
    if (!read && stamp !== undefined && sameFile(stamp, stats) && stamp.mtimeMs < stamp.at - RACY_MS) {
      file.touchStamp(absPath, stamp, this.today);
      return { hash: stamp.hash, size: stamp.size, bytes: null };
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(absPath);
    } catch {
      return null;
    }
    this.stats.filesRead++;
    return { ...this.stamp(file, absPath, bytes, stats), bytes };
  }

  /** Records in `file` the stamp of bytes just read from `absPath` (and `stats` taken before reading them). */
  private stamp(file: IndexFile, absPath: string, bytes: Uint8Array, stats: Stats): FileContent {
    const hash = hashBytes(bytes);
    // Bytes of another length than stat said: the file changed while being read; its stamp would lie.
    if (bytes.byteLength === stats.size) {
      file.setStamp(absPath, {
        size: stats.size,
        mtimeMs: stats.mtimeMs,
        ctimeMs: stats.ctimeMs,
        ino: stats.ino,
        hash,
        at: Date.now(),
        day: this.today,
      });
    }
    return { hash, size: bytes.byteLength, bytes: null };
  }

  /** The value stored under `key`, or undefined. */
  get(key: string): unknown {
    const file = this.fileOf(key);
    const entry = file.index.entries.get(key);
    if (entry === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    file.touchEntry(key, entry, this.today);
    return entry.value;
  }

  set(key: string, value: unknown): void {
    this.fileOf(key).setEntry(key, { value, day: this.today });
  }

  /** The index file that keeps `key`'s kind of entry (the text before its first NUL), read the first time it is needed. */
  private fileOf(key: string): IndexFile {
    const kind = key.slice(0, key.indexOf('\0'));
    if (!SEPARATE_KINDS.has(kind)) return this.main;
    let file = this.separate.get(kind);
    if (file === undefined) this.separate.set(kind, (file = IndexFile.load(path.join(this.folder, `index-${buildId()}-${kind}.json`))));
    return file;
  }

  /**
   * Writes each index this run added to or refreshed: merged with what
   * concurrent runs wrote meanwhile, pruned, to a temporary file renamed over
   * the index. Failures (a read-only folder, a full disk) only mean the next
   * run is not faster.
   */
  save(): void {
    const written = [this.main, ...this.separate.values()].map((file) => file.save(this.today));
    if (!written.some(Boolean)) return;
    try {
      pruneFolder(this.folder, `index-${buildId()}`);
    } catch {
      // Not writable: caching only saves time.
    }
  }
}

/**
 * One index file as read, and what this run changed in it. What a run adds
 * (a changed migration's unit and stamp, a few kilobytes) is appended to the
 * index's journal, beside it; the index itself, megabytes for a large
 * project, is written whole only when the journal would grow past a quarter
 * of it (the first run of a day, which touches every entry, or some forty
 * runs that each changed one migration). A journal's records are facts that hold whatever index they
 * are read with (a file's content hash for its size and times, a value for a
 * key that names its inputs' hashes), so concurrent runs may append in any
 * order; each record carries its own hash, and reading stops at the first
 * that does not match (a torn append).
 */
class IndexFile {
  dirty = false;
  /** Keys of the stamps and entries added or refreshed since the last save: its journal record. */
  private readonly changed = { stamps: new Set<string>(), entries: new Set<string>() };

  private constructor(
    private readonly file: string,
    readonly index: Index,
    /** The index file as read, or as this process last wrote it. */
    private loadedFrom: Stats | null,
    /** Bytes of its journal; null when a record could not be read (appending after it would be lost). */
    private journalBytes: number | null,
  ) {}

  /** The index in `file`, with its journal; an empty one when it is missing or cannot be used. */
  static load(file: string): IndexFile {
    const loaded = readIndex(file);
    return new IndexFile(file, loaded?.index ?? emptyIndex(), loaded?.stats ?? null, loaded === null ? 0 : loaded.journalBytes);
  }

  setStamp(absPath: string, stamp: Stamp): void {
    this.index.stamps.set(absPath, stamp);
    this.changed.stamps.add(absPath);
    this.dirty = true;
  }

  setEntry(key: string, entry: Entry): void {
    this.index.entries.set(key, entry);
    this.changed.entries.add(key);
    this.dirty = true;
  }

  touchStamp(absPath: string, stamp: Stamp, today: number): void {
    if (stamp.day !== today) this.setStamp(absPath, { ...stamp, day: today });
  }

  touchEntry(key: string, entry: Entry, today: number): void {
    if (entry.day === today) return;
    entry.day = today;
    this.changed.entries.add(key);
    this.dirty = true;
  }

  /**
   * Records what changed since the last save (the language server saves after
   * each lint), in the journal or by writing the index whole; whether anything
   * changed (and may have been written).
   */
  save(today: number): boolean {
    if (!this.dirty) return false;
    try {
      if (!this.appended()) this.writeWhole(today);
      this.dirty = false;
      this.changed.stamps.clear();
      this.changed.entries.clear();
    } catch {
      // Not writable: caching only saves time.
    }
    return true;
  }

  /** Appends this run's record to the journal, unless the index should be written whole; whether it did. */
  private appended(): boolean {
    if (this.loadedFrom === null || this.journalBytes === null) return false;
    const record = encodeRecord({ stamps: present(this.changed.stamps, this.index.stamps), entries: present(this.changed.entries, this.index.entries) });
    if (this.journalBytes + record.byteLength > Math.max(this.loadedFrom.size / 4, MIN_JOURNAL_BYTES)) return false;
    appendFileSync(journalOf(this.file), record);
    this.journalBytes += record.byteLength;
    return true;
  }

  private writeWhole(today: number): void {
    const now = statSync(this.file, { throwIfNoEntry: false });
    if (now !== undefined && (this.loadedFrom === null || !sameFile(statsStamp(this.loadedFrom), now))) {
      const theirs = readIndex(this.file)?.index;
      if (theirs !== undefined) mergeInto(this.index, theirs);
    }
    const bytes = this.serialized(today);
    const temp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(temp, bytes);
      renameSync(temp, this.file);
    } finally {
      rmSync(temp, { force: true });
    }
    // Folded in (what a concurrent run appended since it was read is only lost time).
    rmSync(journalOf(this.file), { force: true });
    this.loadedFrom = statSync(this.file);
    this.journalBytes = 0;
  }

  private serialized(today: number): Buffer {
    const oldest = today - UNUSED_DAYS;
    for (const [key, stamp] of this.index.stamps) if (stamp.day < oldest) this.index.stamps.delete(key);
    for (const [key, entry] of this.index.entries) if (entry.day < oldest) this.index.entries.delete(key);
    let bytes = encodeIndex(this.index);
    while (bytes.byteLength > MAX_INDEX_BYTES && this.index.entries.size > 0) {
      // Least recently used first; keep the proportion that fits, with a margin.
      const keep = Math.floor(this.index.entries.size * (MAX_INDEX_BYTES / bytes.byteLength) * 0.9);
      const byAge = [...this.index.entries].sort((a, b) => b[1].day - a[1].day);
      this.index.entries.clear();
      for (const [key, entry] of byAge.slice(0, keep)) this.index.entries.set(key, entry);
      bytes = encodeIndex(this.index);
    }
    return bytes;
  }
}

/** The items of `keys` that `map` still holds (pruning may have dropped some). */
function present<T>(keys: ReadonlySet<string>, map: ReadonlyMap<string, T>): Array<readonly [string, T]> {
  return [...keys].flatMap((key) => {
    const value = map.get(key);
    return value === undefined ? [] : [[key, value] as const];
  });
}

function emptyIndex(): Index {
  return { format: FORMAT, build: buildId(), stamps: new Map(), entries: new Map() };
}

/**
 * The index in `file` if it is whole and of this format and build, with the
 * records of its journal that are; null otherwise (it is then rebuilt).
 */
function readIndex(file: string): { index: Index; stats: Stats; journalBytes: number | null } | null {
  let loaded: { index: Index; stats: Stats };
  try {
    const stats = statSync(file);
    const index = decodeIndex(readFileSync(file));
    if (index === null) return null;
    loaded = { index, stats };
  } catch {
    return null;
  }
  let journal: Buffer;
  try {
    journal = readFileSync(journalOf(file));
  } catch {
    return { ...loaded, journalBytes: 0 };
  }
  const { records, whole } = decodeRecords(journal);
  for (const record of records) mergeInto(loaded.index, record, true);
  return { ...loaded, journalBytes: whole ? journal.byteLength : null };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString());
  } catch {
    return null;
  }
}

/** `index-<build>.json` → `index-<build>.journal`. */
function journalOf(file: string): string {
  return file.replace(/\.json$/, '.journal');
}

interface JournalRecord {
  readonly stamps: ReadonlyArray<readonly [string, Stamp]>;
  readonly entries: ReadonlyArray<readonly [string, Entry]>;
}

/** One line: the hash of the JSON after the tab, a tab, then JSON (which holds no raw newline). */
function encodeRecord(record: JournalRecord): Buffer {
  const body = JSON.stringify({ format: FORMAT, ...record });
  return Buffer.from(`${hashBytes(Buffer.from(body))}\t${body}\n`);
}

/** The journal's records up to the first that is torn, damaged or of another format; whether there was none such. */
function decodeRecords(journal: Buffer): { records: Index[]; whole: boolean } {
  const records: Index[] = [];
  let start = 0;
  for (let end = journal.indexOf(10, start); end !== -1; start = end + 1, end = journal.indexOf(10, start)) {
    const tab = journal.indexOf(9, start);
    if (tab === -1 || tab > end) break;
    const body = journal.subarray(tab + 1, end);
    if (journal.subarray(start, tab).toString() !== hashBytes(body)) break;
    const data = parseJson(body) as { format?: unknown; stamps?: unknown; entries?: unknown } | null;
    if (data?.format !== FORMAT || !Array.isArray(data.stamps) || !Array.isArray(data.entries)) break;
    records.push({
      format: FORMAT,
      build: buildId(),
      stamps: new Map(data.stamps as Array<[string, Stamp]>),
      entries: new Map(data.entries as Array<[string, Entry]>),
    });
  }
  return { records, whole: start === journal.byteLength };
}

/**
 * The index as a file: the hash of the rest, a newline, then JSON. JSON
 * because node:v8's serializer costs Node 24 ~40 ms to load; the hash because
 * a damaged file can still be valid JSON, and a damaged unit a wrong answer.
 */
function encodeIndex(index: Index): Buffer {
  const body = Buffer.from(JSON.stringify({ format: index.format, build: index.build, stamps: [...index.stamps], entries: [...index.entries] }));
  return Buffer.concat([Buffer.from(`${hashBytes(body)}\n`), body]);
}

function decodeIndex(bytes: Buffer): Index | null {
  const newline = bytes.indexOf(10);
  if (newline === -1) return null;
  const body = bytes.subarray(newline + 1);
  if (bytes.subarray(0, newline).toString() !== hashBytes(body)) return null;
  const data = JSON.parse(body.toString()) as { format?: unknown; build?: unknown; stamps?: unknown; entries?: unknown } | null;
  if (data?.format !== FORMAT || data.build !== buildId() || !Array.isArray(data.stamps) || !Array.isArray(data.entries)) return null;
  return {
    format: FORMAT,
    build: data.build,
    stamps: new Map(data.stamps as Array<[string, Stamp]>),
    entries: new Map(data.entries as Array<[string, Entry]>),
  };
}

/**
 * What a concurrent run wrote that this one did not: added, the newer of two
 * stamps kept. A journal's record (`refresh`), written after the index, also
 * brings the day its entries were last used, and their values: most keys name
 * every input of their value, but an env.py trace, which the files it read
 * decide too, is traced again under the same key when it goes stale.
 */
function mergeInto(ours: Index, theirs: Index, refresh = false): void {
  for (const [key, stamp] of theirs.stamps) {
    const mine = ours.stamps.get(key);
    if (mine === undefined || mine.at < stamp.at || (mine.at === stamp.at && mine.day < stamp.day)) ours.stamps.set(key, stamp);
  }
  for (const [key, entry] of theirs.entries) {
    const mine = ours.entries.get(key);
    if (mine === undefined) ours.entries.set(key, entry);
    else if (refresh) ours.entries.set(key, { value: entry.value, day: Math.max(mine.day, entry.day) });
  }
}

function sameFile(stamp: Pick<Stamp, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>, stats: Stats): boolean {
  return stamp.size === stats.size && stamp.mtimeMs === stats.mtimeMs && stamp.ctimeMs === stats.ctimeMs && stamp.ino === stats.ino;
}

function statsStamp(stats: Stats): Pick<Stamp, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'> {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}

/**
 * Bounds what the cache keeps beyond this project's current index: other
 * builds' indexes and temporary files left by killed runs in this folder;
 * and, at most once a day, the folders of projects not linted for a while.
 */
function pruneFolder(folder: string, currentPrefix: string): void {
  const now = Date.now();
  const stale = (file: string, days: number): boolean => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now) < now - days * DAY_MS;
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (name.endsWith('.tmp') ? stale(file, 1 / 24) : name.startsWith('index-') && !isCurrent(name, currentPrefix) && stale(file, OTHER_BUILD_DAYS))
      rmSync(file, { force: true });
  }
  const base = path.dirname(folder);
  const marker = path.join(base, 'last-prune');
  if (!stale(marker, 1) && statSync(marker, { throwIfNoEntry: false }) !== undefined) return;
  writeFileSync(marker, '');
  utimesSync(marker, now / 1000, now / 1000);
  for (const name of readdirSync(base)) {
    const project = path.join(base, name);
    if (project === folder || name === 'last-prune') continue;
    const newest = Math.max(0, ...safeList(project).map((entry) => statSync(path.join(project, entry), { throwIfNoEntry: false })?.mtimeMs ?? 0));
    if (newest < now - UNUSED_DAYS * DAY_MS && isOurs(project)) rmSync(project, { recursive: true, force: true });
  }
}

/** `index-<build>.json` or `index-<build>-<kind>.json` of this build, or the journal of either. */
function isCurrent(name: string, prefix: string): boolean {
  const index = name.replace(/\.journal$/, '.json');
  return index === `${prefix}.json` || (index.startsWith(`${prefix}-`) && index.endsWith('.json'));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Only folders that hold droplint indexes are ever deleted: `--cache-dir` may name a folder that holds other things too. */
function isOurs(dir: string): boolean {
  const names = safeList(dir);
  return names.length > 0 && names.every((name) => name.startsWith('index-'));
}
