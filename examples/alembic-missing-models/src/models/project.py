from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class ProjectCharacteristic(Base):
    __tablename__ = "project_characteristics"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    characteristic: Mapped[str] = mapped_column(String(100))

# project_keywords, project_resource_mappings and project_monthly_forecast
# have no model: the next `alembic revision --autogenerate` drops them.
