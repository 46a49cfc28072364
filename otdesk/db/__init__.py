"""Storage: the SQLAlchemy models, the engine factory and the Alembic migrations."""
