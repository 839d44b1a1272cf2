from app.models.base import Base
from app.models.reports import ResearchReport
from app.models.users import User

__all__ = ["Base", "ResearchReport", "User"]
