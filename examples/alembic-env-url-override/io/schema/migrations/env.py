from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from work_data_hub.config import get_settings
from work_data_hub.io.schema.models import metadata

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# Use the application's database, whatever the caller asked for.
settings = get_settings()
database_url = settings.get_database_connection_string()
config.set_main_option("sqlalchemy.url", database_url)

target_metadata = metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
