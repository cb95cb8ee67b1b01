"""Server-rendered pages (FastAPI + Jinja2), in English and Arabic."""
