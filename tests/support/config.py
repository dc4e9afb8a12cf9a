"""The test configuration bound to this run's database."""


def config_for(url: str) -> type:
    """TestConfig bound to this run's database (config.py reads the environment at import,
    which may happen before the database fixture runs)."""
    from config import TestConfig

    return type("BoundTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})
