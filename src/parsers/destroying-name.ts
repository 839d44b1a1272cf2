/** Words that, in a function's name, say it destroys: a call droplint cannot follow is then reported. */
const DESTROYING_WORDS = /^(drop|delete|truncate|purge|remove|clear|wipe|reset)/;

/** Objects that hold no rows: `drop_trigger()`, `drop_index()` lose nothing a backup would need. */
const ROWLESS_OBJECTS = /^(trigger|index|indexes|indices|constraint|view|function|procedure|sequence|cache)s?$/;

/** `drop_columns`, `dropColumns`, `purgeOldRows`: whether one of the name's words says it destroys (rows, not a trigger). */
export function nameSaysItDestroys(name: string): boolean {
  const words = name.split(/_+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase());
  return words.some((word) => DESTROYING_WORDS.test(word)) && !words.some((word) => ROWLESS_OBJECTS.test(word));
}
