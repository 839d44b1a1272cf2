import type { Dialect } from '../ir/unit.js';
import type { SeveritySetting } from '../engine/diagnostic.js';

/** The configuration keys of the contract, validated and with defaults filled in. */
export interface UserConfig {
  /** `protected-tables`: names, `*` globs, `schema.table`, quoted identifiers. */
  readonly protectedTables: readonly string[];
  /** `models`: globs of ORM model files. */
  readonly models: readonly string[];
  /**
   * Extensions beyond the contract's keys; absent when the file does not set them.
   * `protected-presets`: names of presets (src/presets/) whose tables are added to `protected-tables`.
   */
  readonly protectedPresets?: readonly string[];
  /** `unmodeled-tables`: patterns (as in `protected-tables`) of tables that need no ORM model. */
  readonly unmodeledTables?: readonly string[];
  /** `include` / `exclude`: globs relative to the config's folder. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** `dialect` of raw `.sql` files; null when not set. */
  readonly dialect: Dialect | null;
  /** `downgrade`: severity of destructive operations in a downgrade phase. */
  readonly downgrade: SeveritySetting;
  /** `[rules]`: severity per rule id. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** `[[overrides]]`: settings for the files their globs match, in file order (later entries win); absent when none. */
  readonly overrides?: readonly ConfigOverride[];
}

/** One `[[overrides]]` entry: only the keys it sets. */
export interface ConfigOverride {
  /** Globs relative to the config's folder, like `include`. */
  readonly files: readonly string[];
  readonly dialect?: Dialect;
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly protectedTables?: readonly string[];
  readonly downgrade?: SeveritySetting;
}

export interface LoadedConfig {
  readonly config: UserConfig;
  /** Absolute path of the file it came from, or null for the defaults. */
  readonly file: string | null;
  /** Folder that `include`/`exclude`/`models` globs are relative to. */
  readonly root: string;
}

/** A configuration problem: exit status 2, message names the file and key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_CONFIG: UserConfig = {
  protectedTables: [],
  models: [],
  include: [],
  exclude: [],
  dialect: null,
  downgrade: 'warning',
  rules: {},
};
