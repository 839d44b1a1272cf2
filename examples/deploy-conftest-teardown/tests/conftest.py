import os

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from app.models import Base

# The platform runs the tests during the build, with the service's variables:
# DATABASE_URL here is production's.
engine = create_engine(os.environ["DATABASE_URL"])
Session = sessionmaker(bind=engine)


@pytest.fixture(scope="session", autouse=True)
def database():
    Base.metadata.create_all(engine)
    yield
    Base.metadata.drop_all(engine)


@pytest.fixture
def session():
    with Session() as s:
        yield s
