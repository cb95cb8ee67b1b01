"""Users, roles, offices, authentication and permissions."""
