"""Database backends: Django's own, with what production needs on top (postgresql/)."""
