"""Dashboard sources: each module here registers what it contributes with ``@source``."""
