from .base import Base
from .project import Project, ProjectCharacteristic
