import type { Knex } from "knex";


export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("research_report", (table) => {
    table.increments("id");
    table.string("title").notNullable();
    table.text("body");
    table.timestamps(true, true);
  });
}


export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("research_report");
}
