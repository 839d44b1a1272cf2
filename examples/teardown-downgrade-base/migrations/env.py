from alembic import context
from sqlalchemy import engine_from_config, pool

from io_schema.settings import get_settings

config = context.config
# Overwrites whatever URL the caller put in the config: the test's included.
config.set_main_option("sqlalchemy.url", get_settings().database_url)


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
